using System.Text.Json;
using ResearchKit.Text;

namespace ResearchKit.Tests.Text;

/// <summary>
/// Our SentencePiece paths and the equivalent tokenizer.json files against SentencePiece itself: the ids that
/// SentencePiece 0.1.97 computed for every string of strings.json, stored in sentencepiece_ids.json by
/// tests/fixtures/tokenizers/spm_reference_ids.py.
/// </summary>
public sealed class SentencePieceReferenceTests
{
    private static readonly JsonElement Ids = JsonDocument.Parse(File.ReadAllBytes(TokenizersJs.File("sentencepiece_ids.json"))).RootElement;

    private static int[] Expected(string model, int index) => [.. Ids.GetProperty("ids").GetProperty(model)[index].EnumerateArray().Select(v => v.GetInt32())];

    private static string ModelPath(string model) =>
        model == "gemma_like_bpe.model" ? TokenizersJs.File(model) : FixturePaths.Tokenizer(model);

    [Fact]
    public void Stored_ids_cover_every_test_string()
    {
        Assert.Equal(TokenizersJs.Strings.Count, Ids.GetProperty("strings").GetInt32());
        foreach (var model in Ids.GetProperty("ids").EnumerateObject())
            Assert.Equal(TokenizersJs.Strings.Count, model.Value.GetArrayLength());
    }

    [Fact]
    public void Unigram_path_equals_sentencepiece()
    {
        var model = SentencePieceModel.Read(ModelPath("siglip_spiece.model"));
        var normalizer = new SentencePieceNormalizer(model);
        var segmenter = UnigramSegmenter.FromSentencePiece(model);
        TokenizerJsonParityTests.AssertAll("spiece.model unigram vs SentencePiece", i => Expected("siglip_spiece.model", i),
            i => [.. segmenter.Encode(normalizer.Normalize(TokenizersJs.Strings[i]))]);
    }

    [Theory]
    [InlineData("gemma_bpe.model")]
    [InlineData("gemma_like_bpe.model")]
    public void Bpe_path_equals_sentencepiece(string name)
    {
        var bpe = new SentencePieceBpe(SentencePieceModel.Read(ModelPath(name)));
        TokenizerJsonParityTests.AssertAll($"{name} BPE vs SentencePiece", i => Expected(name, i), i => [.. bpe.Encode(TokenizersJs.Strings[i])]);
    }

    /// <summary>
    /// The tokenizer.json equivalents give SentencePiece's ids, except where the text spells out one of the file's
    /// added tokens (&lt;/s&gt;, &lt;unk&gt;, …): tokenizer.json, like transformers, reads those as the tokens themselves,
    /// SentencePiece alone as characters. User-defined symbols are read as themselves by both.
    /// </summary>
    [Theory]
    [InlineData("siglip_spiece.model", "siglip_tokenizer.json", new[] { "<pad>", "</s>", "<unk>" })]
    [InlineData("gemma_bpe.model", "gemma_tokenizer.json", new[] { "<pad>", "</s>", "<s>", "<unk>" })]
    [InlineData("gemma_like_bpe.model", "gemma_like_tokenizer.json", new[] { "<pad>", "</s>", "<s>", "<unk>" })]
    public void Tokenizer_json_equivalents_equal_sentencepiece(string model, string json, string[] specials)
    {
        var tokenizer = TokenizerJson.Load(TokenizersJs.File(json));
        var indices = Enumerable.Range(0, TokenizersJs.Strings.Count).Where(i => !specials.Any(TokenizersJs.Strings[i].Contains)).ToArray();
        Assert.True(indices.Length >= TokenizersJs.Strings.Count - 1, "only the special-token string is left out");
        var strings = indices.Select(i => TokenizersJs.Strings[i]).ToArray();
        TokenizerJsonParityTests.AssertAll($"{json} vs SentencePiece", i => Expected(model, indices[i]), i => tokenizer.Encode(strings[i], addSpecialTokens: false), strings);
    }
}
