using System.IO.Compression;
using System.Text;
using ResearchKit.Text;

namespace ResearchKit.Tests.Text;

public sealed class TokenizerBehaviourTests
{
    private static ClipTokenizer Clip(int context = 77) =>
        ClipTokenizer.FromVocabAndMerges(FixturePaths.Tokenizer("clip_vocab.json"), FixturePaths.Tokenizer("clip_merges.txt"), context);

    public static TheoryData<string> Tokenizers() => ["siglip", "gemma", "clip"];

    private static ITextTokenizer Make(string name) => name switch
    {
        "siglip" => SiglipTokenizer.FromFile(FixturePaths.Tokenizer("siglip_spiece.model")),
        "gemma" => GemmaTokenizer.FromFile(FixturePaths.Tokenizer("gemma_bpe.model")),
        _ => Clip(),
    };

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Output_is_always_context_length_with_the_end_token_kept_on_overflow(string name)
    {
        var tokenizer = Make(name);
        var endToken = tokenizer.Encode("")[name == "clip" ? 1 : 0];
        foreach (var text in new[] { "", "a", string.Join(' ', Enumerable.Repeat("sunset over the sea", 80)) })
        {
            var ids = tokenizer.Encode(text);
            Assert.Equal(tokenizer.ContextLength, ids.Length);
            Assert.Contains(endToken, ids);
        }
        Assert.Equal(endToken, tokenizer.Encode(string.Join(' ', Enumerable.Repeat("the sea", 200)))[^1]);
    }

    [Fact]
    public void Clip_unescapes_html_and_ignores_case_and_spacing()
    {
        var clip = Clip();
        Assert.Equal(clip.Encode("a cat & a dog"), clip.Encode("A  CAT &amp;amp; a\tdog"));
        Assert.NotEqual(clip.Encode("a cat"), clip.Encode("a dog"));
    }

    [Fact]
    public void Clip_reads_a_lone_surrogate_as_a_replacement_character()
    {
        var clip = Clip();
        Assert.Equal(clip.Encode("a \uFFFD b"), clip.Encode("a \uD83C b"));
    }

    [Fact]
    public void Clip_tokenizer_json_and_open_clip_gz_give_the_same_ids_as_vocab_and_merges()
    {
        using var dir = new TempDirectory();
        var merges = File.ReadAllLines(FixturePaths.Tokenizer("clip_merges.txt")).Where(l => !l.StartsWith("#version")).ToArray();
        var vocabJson = File.ReadAllText(FixturePaths.Tokenizer("clip_vocab.json"));
        var json = $"{{\"model\":{{\"type\":\"BPE\",\"vocab\":{vocabJson},\"merges\":{System.Text.Json.JsonSerializer.Serialize(merges)}}}}}";
        var tokenizerJson = dir.Write("tokenizer.json", Encoding.UTF8.GetBytes(json));

        // The gz layout derives ids from the merge order; with the fixture's own merges it yields a
        // differently numbered vocabulary, so compare the decoded pieces rather than the raw ids.
        var gz = Path.Combine(dir.Path, "bpe.txt.gz");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
            zip.Write(Encoding.UTF8.GetBytes("\"bpe_simple_vocab_16e6.txt#version: 0.2\n" + string.Join('\n', merges) + "\n"));

        var text = ReferenceManifest.Strings[1];
        Assert.Equal(Clip().Encode(text), ClipTokenizer.FromTokenizerJson(tokenizerJson).Encode(text));
        var fromGz = ClipTokenizer.FromOpenClipBpe(gz).Encode(text);
        Assert.Equal(Clip().Encode(text).Count(i => i != 0), fromGz.Count(i => i != 0));
        // In open_clip's numbering sot and eot follow the 512 byte symbols and the merges.
        Assert.Equal(512 + merges.Length, fromGz[0]);
    }

    [Fact]
    public void Missing_tokenizer_files_are_typed_errors_naming_the_path()
    {
        Assert.Contains("/none/spiece.model", Assert.Throws<TokenizerLoadException>(() => SiglipTokenizer.FromFile("/none/spiece.model")).Message);
        Assert.Contains("/none/vocab.json", Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.FromVocabAndMerges("/none/vocab.json", "/none/merges.txt")).Message);
        Assert.Contains("/none/bpe.gz", Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.FromOpenClipBpe("/none/bpe.gz")).Message);
    }

    [Fact]
    public void Empty_or_corrupt_sentencepiece_models_are_typed_errors()
    {
        using var dir = new TempDirectory();
        var empty = dir.Write("spiece.model", []);
        Assert.Contains("empty", Assert.Throws<TokenizerLoadException>(() => SiglipTokenizer.FromFile(empty)).Message);
        var garbage = dir.Write("garbage.model", [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x02]);
        Assert.Equal(garbage, Assert.Throws<TokenizerLoadException>(() => SiglipTokenizer.FromFile(garbage)).Path);
    }

    [Fact]
    public void Swapped_sentencepiece_models_are_refused_with_a_hint()
    {
        var e = Assert.Throws<TokenizerLoadException>(() => SiglipTokenizer.FromFile(FixturePaths.Tokenizer("gemma_bpe.model")));
        Assert.Contains("BPE", e.Message);
        Assert.Throws<TokenizerLoadException>(() => GemmaTokenizer.FromFile(FixturePaths.Tokenizer("siglip_spiece.model")));
    }

    [Fact]
    public void A_vocabulary_without_clip_special_tokens_is_refused()
    {
        using var dir = new TempDirectory();
        var vocab = dir.Write("vocab.json", """{"a</w>":0,"b</w>":1}"""u8.ToArray());
        var merges = dir.Write("merges.txt", "#version: 0.2\n"u8.ToArray());
        var e = Assert.Throws<TokenizerLoadException>(() => ClipTokenizer.FromVocabAndMerges(vocab, merges));
        Assert.Contains("startoftext", e.Message);
    }

    [Fact]
    public void Tokenizers_are_safe_to_share_across_threads()
    {
        var clip = Clip();
        var siglip = Make("siglip");
        var strings = ReferenceManifest.Strings;
        var expectedClip = strings.Select(clip.Encode).ToArray();
        var expectedSiglip = strings.Select(siglip.Encode).ToArray();
        Parallel.For(0, 400, i =>
        {
            var k = i % strings.Count;
            Assert.Equal(expectedClip[k], clip.Encode(strings[k]));
            Assert.Equal(expectedSiglip[k], siglip.Encode(strings[k]));
        });
    }
}
