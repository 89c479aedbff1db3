using System.Text.Json;
using ResearchKit.Text;

namespace ResearchKit.Tests.Properties;

/// <summary>
/// One of the fixture tokenizers with what its framing looks like (an optional start id, the end id, the pad id)
/// and a decoder for its content ids.
/// </summary>
internal sealed record TokenizerUnderTest(ITextTokenizer Tokenizer, int? Start, int End, int Pad, Func<IReadOnlyList<int>, string?> Decode)
{
    /// <summary>Ids around the content: the start token (if any) and the end token.</summary>
    public int FramingLength => Start is null ? 1 : 2;

    /// <summary>The tiny SigLIP (unigram), Gemma (BPE with byte fallback) or CLIP (byte-level BPE) tokenizer of tests/fixtures.</summary>
    public static TokenizerUnderTest Load(string name, int contextLength)
    {
        switch (name)
        {
            case "siglip":
            {
                var path = FixturePaths.Tokenizer("siglip_spiece.model");
                var model = SentencePieceModel.Read(path);
                var decoder = new SentencePieceDecoder(path);
                return new(SiglipTokenizer.FromFile(path, contextLength), null, model.EosId, model.EosId, decoder.Decode);
            }
            case "gemma":
            {
                var path = FixturePaths.Tokenizer("gemma_bpe.model");
                var model = SentencePieceModel.Read(path);
                var decoder = new SentencePieceDecoder(path);
                return new(GemmaTokenizer.FromFile(path, contextLength), null, model.EosId, Math.Max(model.PadId, 0), decoder.Decode);
            }
            case "clip":
            {
                var vocabPath = FixturePaths.Tokenizer("clip_vocab.json");
                using var vocab = JsonDocument.Parse(File.ReadAllText(vocabPath));
                var decoder = new ClipDecoder(vocabPath);
                return new(ClipTokenizer.FromVocabAndMerges(vocabPath, FixturePaths.Tokenizer("clip_merges.txt"), contextLength),
                    vocab.RootElement.GetProperty("<|startoftext|>").GetInt32(), vocab.RootElement.GetProperty("<|endoftext|>").GetInt32(), 0, decoder.Decode);
            }
            default:
                throw new ArgumentException($"no fixture tokenizer '{name}'", nameof(name));
        }
    }

    /// <summary>The content ids of a framed sequence, after checking the frame: [start] content end pad... .</summary>
    public int[] Content(int[] ids)
    {
        var first = 0;
        if (Start is { } start)
        {
            Assert.Equal(start, ids[0]);
            first = 1;
        }
        var end = Array.IndexOf(ids, End, first);
        Assert.True(end >= first, $"no end token {End} in [{string.Join(", ", ids)}]");
        Assert.All(ids[(end + 1)..], id => Assert.Equal(Pad, id));
        return ids[first..end];
    }
}
