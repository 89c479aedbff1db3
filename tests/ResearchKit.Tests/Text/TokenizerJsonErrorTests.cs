using System.Text;
using System.Text.Json.Nodes;
using ResearchKit.Text;

namespace ResearchKit.Tests.Text;

/// <summary>Unreadable or unsupported tokenizer.json files are <see cref="TokenizerLoadException"/>s naming the file, the field and what to do.</summary>
public sealed class TokenizerJsonErrorTests
{
    private static TokenizerLoadException LoadFails(TempDirectory dir, JsonNode json)
    {
        var path = TinyTokenizerJson.Write(dir, json);
        var e = Assert.Throws<TokenizerLoadException>(() => TokenizerJson.Load(path));
        Assert.Equal(path, e.Path);
        Assert.StartsWith(path, e.Message);
        return e;
    }

    [Fact]
    public void Missing_empty_and_non_json_files_name_the_file()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "none", "tokenizer.json");
        Assert.Contains("missing", Assert.Throws<TokenizerLoadException>(() => TokenizerJson.Load(missing)).Message);
        foreach (var (name, text) in new[] { ("empty.json", ""), ("broken.json", "{\"model\": {"), ("text.json", "not json at all") })
        {
            var path = dir.Write(name, Encoding.UTF8.GetBytes(text));
            var e = Assert.Throws<TokenizerLoadException>(() => TokenizerJson.Load(path));
            Assert.Equal(path, e.Path);
            Assert.Contains("not valid JSON", e.Message);
        }
    }

    [Fact]
    public void A_file_without_a_model_section_is_refused_with_a_hint()
    {
        using var dir = new TempDirectory();
        Assert.Contains("not a JSON object", LoadFails(dir, new JsonArray(1, 2)).Message);
        var config = new JsonObject { ["tokenizer_class"] = "SiglipTokenizer", ["model_max_length"] = 64 };
        Assert.Contains("tokenizer_config.json", LoadFails(dir, config).Message);
    }

    [Fact]
    public void WordPiece_and_WordLevel_models_are_unsupported_with_advice()
    {
        using var dir = new TempDirectory();
        foreach (var type in new[] { "WordPiece", "WordLevel" })
        {
            var json = TinyTokenizerJson.Unigram("a");
            json["model"] = new JsonObject { ["type"] = type, ["unk_token"] = "[UNK]", ["vocab"] = new JsonObject { ["[UNK]"] = 0, ["a"] = 1 } };
            var e = LoadFails(dir, json);
            Assert.Contains($"model is a {type} model", e.Message);
            Assert.Contains("does not implement", e.Message);
        }
    }

    [Fact]
    public void A_missing_or_malformed_vocabulary_names_the_field()
    {
        using var dir = new TempDirectory();
        var noVocab = TinyTokenizerJson.Unigram("a");
        noVocab["model"]!.AsObject().Remove("vocab");
        Assert.Contains("model.vocab is missing", LoadFails(dir, noVocab).Message);

        var badEntry = TinyTokenizerJson.Unigram("a");
        badEntry["model"]!["vocab"]!.AsArray().Add(new JsonArray("b"));
        Assert.Contains("model.vocab[3] is not a [piece, score] pair", LoadFails(dir, badEntry).Message);

        var noUnk = TinyTokenizerJson.Unigram("a");
        noUnk["model"]!.AsObject().Remove("unk_id");
        Assert.Contains("model.unk_id is missing", LoadFails(dir, noUnk).Message);

        var noModel = TinyTokenizerJson.Unigram("a");
        noModel["model"] = null;
        Assert.Contains("no \"model\" section", LoadFails(dir, noModel).Message);
    }

    [Fact]
    public void A_merge_naming_a_token_outside_the_vocabulary_is_refused()
    {
        using var dir = new TempDirectory();
        var e = LoadFails(dir, TinyTokenizerJson.Bpe(["<unk>", "a", "b", "ab"], [["a", "b"], ["a", "z"]]));
        Assert.Contains("model.merges[1] ('a', 'z') names a token missing from the vocabulary", e.Message);
        var joined = LoadFails(dir, TinyTokenizerJson.Bpe(["<unk>", "a", "b"], [["a", "b"]]));
        Assert.Contains("into 'ab', which is missing", joined.Message);
    }

    [Fact]
    public void Unknown_components_and_damaged_fields_are_named()
    {
        using var dir = new TempDirectory();
        var normalizer = TinyTokenizerJson.Unigram("a");
        normalizer["normalizer"] = new JsonObject { ["type"] = "Sequence", ["normalizers"] = new JsonArray(new JsonObject { ["type"] = "Lowercase" }, new JsonObject { ["type"] = "BertNormalizer" }) };
        Assert.Contains("normalizer.normalizers[1] is a \"BertNormalizer\" normalizer", LoadFails(dir, normalizer).Message);

        var preTokenizer = TinyTokenizerJson.Unigram("a");
        preTokenizer["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false };
        Assert.Contains("pre_tokenizer is a \"ByteLevel\" pre-tokenizer", LoadFails(dir, preTokenizer).Message);

        var charsmap = TinyTokenizerJson.Unigram("a");
        charsmap["normalizer"] = new JsonObject { ["type"] = "Precompiled", ["precompiled_charsmap"] = "%%% not base64 %%%" };
        Assert.Contains("normalizer.precompiled_charsmap is not base64", LoadFails(dir, charsmap).Message);

        var truncated = TinyTokenizerJson.Unigram("a");
        truncated["normalizer"] = new JsonObject { ["type"] = "Precompiled", ["precompiled_charsmap"] = Convert.ToBase64String([0xFF, 0xFF, 0, 0, 1, 2]) };
        Assert.Contains("precompiled_charsmap is damaged", LoadFails(dir, truncated).Message);

        var regex = TinyTokenizerJson.Unigram("a");
        regex["normalizer"] = new JsonObject { ["type"] = "Replace", ["pattern"] = new JsonObject { ["Regex"] = "(unclosed" }, ["content"] = "" };
        Assert.Contains("the regular expression '(unclosed'", LoadFails(dir, regex).Message);

        var template = TinyTokenizerJson.Unigram("a");
        template["post_processor"]!["special_tokens"] = new JsonObject();
        Assert.Contains("uses special token '</s>', which post_processor.special_tokens does not define", LoadFails(dir, template).Message);

        var behavior = TinyTokenizerJson.Unigram("a");
        behavior["pre_tokenizer"] = new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["String"] = " " }, ["behavior"] = "Sideways", ["invert"] = false };
        Assert.Contains("pre_tokenizer.behavior is 'Sideways'", LoadFails(dir, behavior).Message);

        var dropout = TinyTokenizerJson.Bpe(["<unk>", "a"], []);
        dropout["model"]!["dropout"] = 0.1;
        Assert.Contains("dropout", LoadFails(dir, dropout).Message);
    }

    [Fact]
    public void A_damaged_charsmap_in_a_sentencepiece_model_is_a_typed_error()
    {
        // ModelProto { pieces: [{ piece: "a" }], normalizer_spec: { precompiled_charsmap: a trie size beyond the blob } }.
        using var dir = new TempDirectory();
        var stream = new MemoryStream();
        var output = new Google.Protobuf.CodedOutputStream(stream);
        output.WriteTag(1, Google.Protobuf.WireFormat.WireType.LengthDelimited);
        output.WriteBytes(Google.Protobuf.ByteString.CopyFrom(0x0A, 0x01, (byte)'a'));
        output.WriteTag(3, Google.Protobuf.WireFormat.WireType.LengthDelimited);
        output.WriteBytes(Google.Protobuf.ByteString.CopyFrom(0x12, 0x06, 0xFF, 0xFF, 0x00, 0x00, 0x01, 0x02));
        output.Flush();
        var path = dir.Write("spiece.model", stream.ToArray());
        var e = Assert.Throws<TokenizerLoadException>(() => SiglipTokenizer.FromFile(path));
        Assert.Equal(path, e.Path);
        Assert.Contains("precompiled charsmap declares", e.Message);
    }

    [Fact]
    public void Model_tokenizers_refuse_the_other_family_with_a_hint()
    {
        var siglip = TokenizersJs.File("siglip_tokenizer.json");
        var gemma = TokenizersJs.File("gemma_tokenizer.json");
        var e = Assert.Throws<TokenizerLoadException>(() => SiglipTokenizer.FromTokenizerJson(gemma));
        Assert.Equal(gemma, e.Path);
        Assert.Contains("SigLIP 2 / Gemma", e.Message);
        Assert.Contains("SigLIP 1", Assert.Throws<TokenizerLoadException>(() => GemmaTokenizer.FromFile(siglip)).Message);

        using var dir = new TempDirectory();
        var noEos = TinyTokenizerJson.Bpe(["<unk>", "a"], []);
        var path = TinyTokenizerJson.Write(dir, noEos);
        Assert.Contains("neither <eos> nor </s>", Assert.Throws<TokenizerLoadException>(() => GemmaTokenizer.FromTokenizerJson(path)).Message);
    }
}
