using ResearchKit.Text;

namespace ResearchKit.Tests.Text;

/// <summary>
/// The committed tokenizer.json fixtures (written by tests/fixtures/tokenizers/spm_to_tokenizer_json.py from the
/// reference SentencePiece models) give the reference's stored ids and the same ids as the SentencePiece path.
/// </summary>
public sealed class TokenizerJsonFixtureTests
{
    private static string SiglipJson => TokenizersJs.File("siglip_tokenizer.json");
    private static string GemmaJson => TokenizersJs.File("gemma_tokenizer.json");

    [Fact]
    public void Siglip_from_tokenizer_json_gives_the_reference_ids()
    {
        var expected = ReferenceManifest.Tokens("siglip", "input_ids");
        var tokenizer = SiglipTokenizer.FromFile(SiglipJson);
        TokenizerJsonParityTests.AssertAll("SigLIP tokenizer.json vs stored reference ids", i => expected[i], i => tokenizer.Encode(ReferenceManifest.Strings[i]), ReferenceManifest.Strings);
    }

    [Fact]
    public void Siglip2_from_tokenizer_json_gives_the_reference_ids()
    {
        var expected = ReferenceManifest.Tokens("siglip2_gemma", "input_ids");
        var tokenizer = GemmaTokenizer.FromFile(GemmaJson);
        TokenizerJsonParityTests.AssertAll("Gemma tokenizer.json vs stored reference ids", i => expected[i], i => tokenizer.Encode(ReferenceManifest.Strings[i]), ReferenceManifest.Strings);
    }

    [Fact]
    public void Siglip_tokenizer_json_equals_the_sentencepiece_path_on_every_test_string()
    {
        var fromModel = SiglipTokenizer.FromFile(FixturePaths.Tokenizer("siglip_spiece.model"));
        var fromJson = SiglipTokenizer.FromTokenizerJson(SiglipJson);
        TokenizerJsonParityTests.AssertAll("SigLIP tokenizer.json vs spiece.model", i => fromModel.Encode(TokenizersJs.Strings[i]), i => fromJson.Encode(TokenizersJs.Strings[i]));
    }

    [Theory]
    [InlineData("gemma_bpe.model", "gemma_tokenizer.json")]
    [InlineData("gemma_like_bpe.model", "gemma_like_tokenizer.json")]
    public void Gemma_tokenizer_json_equals_the_sentencepiece_path(string model, string json)
    {
        // Lowercased text keeps "<s>" and "</s>" as written: tokenizer.json reads them as its special tokens (as
        // transformers does), SentencePiece alone spells them out, so that one string is left out.
        var fromModel = GemmaTokenizer.FromFile(model.StartsWith("gemma_like", StringComparison.Ordinal) ? TokenizersJs.File(model) : FixturePaths.Tokenizer(model));
        var fromJson = GemmaTokenizer.FromTokenizerJson(TokenizersJs.File(json));
        var strings = TokenizersJs.Strings.Where(s => !s.Contains("</s>", StringComparison.Ordinal)).ToArray();
        Assert.Equal(TokenizersJs.Strings.Count - 1, strings.Length);
        TokenizerJsonParityTests.AssertAll($"{json} vs {model}", i => fromModel.Encode(strings[i]), i => fromJson.Encode(strings[i]), strings);
    }

    [Fact]
    public void Raw_unigram_ids_equal_sentencepiece_segmentation_without_the_siglip_rules()
    {
        // Below SigLIP's canonicalisation: the JSON pipeline alone (Precompiled, Strip, Replace, Metaspace, Unigram)
        // against SentencePiece's normalizer and Viterbi, on the raw strings with their punctuation, case and spacing.
        // Special tokens written in the text (</s>, <unk>) are those tokens for tokenizer.json, as for transformers,
        // but spelled out by SentencePiece alone, so strings containing them are left out here.
        var model = SentencePieceModel.Read(FixturePaths.Tokenizer("siglip_spiece.model"));
        var normalizer = new SentencePieceNormalizer(model);
        var segmenter = UnigramSegmenter.FromSentencePiece(model);
        var json = TokenizerJson.Load(SiglipJson);
        var strings = TokenizersJs.Strings.Where(s => !new[] { "<pad>", "</s>", "<unk>" }.Any(s.Contains)).ToArray();
        Assert.True(strings.Length >= TokenizersJs.Strings.Count - 1);
        TokenizerJsonParityTests.AssertAll("raw unigram ids", i => [.. segmenter.Encode(normalizer.Normalize(strings[i]))],
            i => json.Encode(strings[i], addSpecialTokens: false), strings);
    }

    [Fact]
    public void Committed_fixtures_are_what_the_converter_writes()
    {
        // The converter is plain Python 3; regenerate and compare byte for byte so the committed files cannot drift.
        using var dir = new TempDirectory();
        foreach (var (model, json) in new[]
                 {
                     (FixturePaths.Tokenizer("siglip_spiece.model"), SiglipJson), (FixturePaths.Tokenizer("gemma_bpe.model"), GemmaJson),
                     (TokenizersJs.File("gemma_like_bpe.model"), TokenizersJs.File("gemma_like_tokenizer.json")),
                 })
        {
            var output = Path.Combine(dir.Path, Path.GetFileName(json));
            var start = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardError = true };
            foreach (var arg in new[] { TokenizersJs.File("spm_to_tokenizer_json.py"), model, output }) start.ArgumentList.Add(arg);
            using var process = System.Diagnostics.Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
            Assert.Equal(File.ReadAllBytes(json), File.ReadAllBytes(output));
        }
    }
}
