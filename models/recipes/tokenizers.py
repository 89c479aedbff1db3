"""Tokenizers built from the emoji label/tag corpus, in the file formats ResearchKit reads, with Python
encoders that follow the C# tokenizers (src/ResearchKit/Text) rule for rule:

- SigLIP: a SentencePiece unigram model (spiece.model); text has ASCII punctuation removed, whitespace
  collapsed, is lower-cased, encoded, then </s> appended and used as padding.
- CLIP BPE (EVA02-CLIP): vocab.json + merges.txt learned here; open_clip's clean/split, byte symbols,
  </w> on a word's last symbol, merges by rank, [sot] ids [eot], pad 0. eot is the highest id, as
  CLIP's text tower pools at argmax(input_ids).
The recipes check these encoders against `researchkit tokenize` on a sample after export.
"""
import html
import json
import os
import re
import unicodedata
from collections import Counter

PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def siglip_canonical(text):
    text = "".join(c for c in text if c not in PUNCT)
    return re.sub(r"\s+", " ", text).strip().lower()


class SiglipSpm:
    def __init__(self, path, context):
        import sentencepiece as spm
        self.sp = spm.SentencePieceProcessor(model_file=path)
        self.eos = self.sp.eos_id()
        self.context = context

    @staticmethod
    def train(corpus, out_dir, vocab_size):
        import sentencepiece as spm
        text_path = os.path.join(out_dir, "spm_corpus.txt")
        with open(text_path, "w", encoding="utf-8") as f:
            for line in corpus:
                f.write(siglip_canonical(line) + "\n")
        spm.SentencePieceTrainer.train(
            input=text_path, model_prefix=os.path.join(out_dir, "spiece"), vocab_size=vocab_size,
            model_type="unigram", pad_id=0, eos_id=1, unk_id=2, bos_id=-1, character_coverage=1.0,
            normalization_rule_name="identity", hard_vocab_limit=False, minloglevel=2, num_threads=1)
        os.remove(text_path)
        os.remove(os.path.join(out_dir, "spiece.vocab"))

    def encode(self, text):
        ids = self.sp.encode(siglip_canonical(text))[: self.context - 1] + [self.eos]
        return ids + [self.eos] * (self.context - len(ids))


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\u00a1"), ord("\u00ac") + 1)) + list(range(ord("\u00ae"), ord("\u00ff") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


WORDS = re.compile(r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[^\W\d_]+|\d|[^\s\w]+|_+", re.IGNORECASE)


def clip_clean(text):
    text = unicodedata.normalize("NFC", html.unescape(html.unescape(text))).strip()
    return re.sub(r"\s+", " ", text).strip().lower()


class ClipBpe:
    def __init__(self, out_dir, context):
        with open(os.path.join(out_dir, "vocab.json"), encoding="utf-8") as f:
            self.vocab = json.load(f)
        with open(os.path.join(out_dir, "merges.txt"), encoding="utf-8") as f:
            merges = [tuple(line.split()) for line in f.read().split("\n")[1:] if line]
        self.ranks = {m: i for i, m in enumerate(merges)}
        self.byte = bytes_to_unicode()
        self.context = context
        self.sot = self.vocab["<|startoftext|>"]
        self.eot = self.vocab["<|endoftext|>"]
        self.cache = {}

    def symbols(self, word):
        s = [self.byte[b] for b in word.encode("utf-8")]
        s[-1] += "</w>"
        return s

    def bpe(self, word):
        if word in self.cache:
            return self.cache[word]
        s = self.symbols(word)
        while len(s) > 1:
            pairs = [(self.ranks.get((a, b), 1 << 30), a, b) for a, b in zip(s, s[1:])]
            rank, a, b = min(pairs)
            if rank == 1 << 30:
                break
            s = merge_pair(s, a, b)
        ids = [self.vocab[t] for t in s]
        self.cache[word] = ids
        return ids

    def encode(self, text):
        ids = []
        for w in WORDS.findall(clip_clean(text)):
            ids += self.bpe(w)
        ids = [self.sot] + ids[: self.context - 2] + [self.eot]
        return ids + [0] * (self.context - len(ids))

    @staticmethod
    def train(corpus, out_dir, max_merges):
        byte = bytes_to_unicode()
        words = Counter(w for line in corpus for w in WORDS.findall(clip_clean(line)))
        seqs = {}
        for w in words:
            s = [byte[b] for b in w.encode("utf-8")]
            s[-1] += "</w>"
            seqs[w] = s
        merges = []
        while len(merges) < max_merges:
            pairs = Counter()
            for w, s in seqs.items():
                for p in zip(s, s[1:]):
                    pairs[p] += words[w]
            if not pairs:
                break
            best, count = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
            if count < 2:
                break  # pairs seen once stay as separate symbols: a smaller vocabulary, still every word covered
            merges.append(best)
            a, b = best
            for w, s in seqs.items():
                if len(s) < 2:
                    continue
                seqs[w] = merge_pair(s, a, b)
        vocab = {}
        for c in byte.values():
            vocab.setdefault(c, len(vocab))
        for c in byte.values():
            vocab.setdefault(c + "</w>", len(vocab))
        for a, b in merges:
            vocab.setdefault(a + b, len(vocab))
        vocab["<|startoftext|>"] = len(vocab)
        vocab["<|endoftext|>"] = len(vocab)
        with open(os.path.join(out_dir, "vocab.json"), "w", encoding="utf-8") as f:
            json.dump(vocab, f, ensure_ascii=False)
        with open(os.path.join(out_dir, "merges.txt"), "w", encoding="utf-8") as f:
            f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))


def merge_pair(symbols, a, b):
    """Joins every adjacent (a, b) in symbols, left to right: one BPE merge step, shared by learning and encoding."""
    out, i = [], 0
    while i < len(symbols):
        if i < len(symbols) - 1 and symbols[i] == a and symbols[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out
