using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchKit.Models;
using ResearchKit.Text;

namespace ResearchKit.Tests.Text;

/// <summary>The tokenizer.json components on small hand-made files, with the Rust library's documented semantics.</summary>
public sealed class TokenizerJsonBehaviourTests
{
    private static TokenizerJson Load(TempDirectory dir, JsonNode json) => TokenizerJson.Load(TinyTokenizerJson.Write(dir, json));

    [Fact]
    public void Unigram_pieces_template_and_token_lookup()
    {
        using var dir = new TempDirectory();
        var tokenizer = Load(dir, TinyTokenizerJson.Unigram("\u2581a", "\u2581b", "c", "\u2581"));
        Assert.Equal(TokenizerModelKind.Unigram, tokenizer.Model);
        Assert.Equal([2, 3, 1], tokenizer.Encode("a b"));
        Assert.Equal([2, 3], tokenizer.Encode("a b", addSpecialTokens: false));
        Assert.Equal([1], tokenizer.Encode(""));
        Assert.Equal([1], tokenizer.SuffixSpecialIds);
        Assert.Empty(tokenizer.PrefixSpecialIds);
        Assert.Equal(4, tokenizer.TokenToId("c"));
        Assert.Equal("\u2581b", tokenizer.IdToToken(3));
        Assert.Null(tokenizer.TokenToId("zz"));
        // "x" and "y" are outside the vocabulary: one unknown for the run, as SentencePiece and tokenizers do.
        Assert.Equal([5, 0], tokenizer.Encode(" xy", addSpecialTokens: false));
    }

    [Fact]
    public void Unigram_byte_fallback_spells_unknown_characters_as_bytes()
    {
        using var dir = new TempDirectory();
        var json = TinyTokenizerJson.Unigram("\u2581", "<0xC3>", "<0xA9>");
        json["model"]!["byte_fallback"] = true;
        var tokenizer = Load(dir, json);
        Assert.Equal([2, 3, 4], tokenizer.Encode("é", addSpecialTokens: false));
        // A character whose bytes are not all in the vocabulary stays unknown.
        Assert.Equal([2, 0], tokenizer.Encode("ü", addSpecialTokens: false));
    }

    [Fact]
    public void Truncation_and_padding_from_the_file_follow_the_rust_library()
    {
        using var dir = new TempDirectory();
        var json = TinyTokenizerJson.Unigram("\u2581a", "\u2581b", "\u2581c");
        json["truncation"] = new JsonObject { ["direction"] = "Right", ["max_length"] = 3, ["strategy"] = "LongestFirst", ["stride"] = 0 };
        json["padding"] = new JsonObject { ["strategy"] = new JsonObject { ["Fixed"] = 6 }, ["direction"] = "Right", ["pad_to_multiple_of"] = null, ["pad_id"] = 0, ["pad_type_id"] = 0, ["pad_token"] = "<unk>" };
        var tokenizer = Load(dir, json);
        Assert.Equal(new TokenizerTruncation(3), tokenizer.Truncation);
        Assert.Equal(new TokenizerPadding(6, 0, "<unk>"), tokenizer.Padding);
        // Room for the template's </s> is kept: two content ids, </s>, then padding.
        Assert.Equal([2, 3, 1, 0, 0, 0], tokenizer.Encode("a b c a"));
        Assert.Equal([2, 3, 4, 0, 0, 0], tokenizer.Encode("a b c a", addSpecialTokens: false));

        var left = tokenizer.WithTruncation(new TokenizerTruncation(3, TokenizerDirection.Left)).WithPadding(new TokenizerPadding(null, 9, Direction: TokenizerDirection.Left, MultipleOf: 4));
        Assert.Equal([9, 4, 2, 1], left.Encode("a b c a"));
        Assert.Equal([2, 3, 4, 2, 1], tokenizer.WithTruncation(null).WithPadding(null).Encode("a b c a"));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.WithTruncation(new TokenizerTruncation(0)));
    }

    [Fact]
    public void Bpe_merges_by_rank_leftmost_first_in_both_merge_forms()
    {
        using var dir = new TempDirectory();
        string[] vocab = ["<unk>", "a", "b", "ab", "aa", "aab"];
        var arrays = TinyTokenizerJson.Bpe(vocab, [["a", "b"], ["a", "a"], ["a", "ab"]]);
        var tokenizer = Load(dir, arrays);
        Assert.Equal(TokenizerModelKind.Bpe, tokenizer.Model);
        // "aab": (a,b) ranks first, then (a,ab). "aaa": (a,a) leftmost, leaving "aa" + "a".
        Assert.Equal([5], tokenizer.Encode("aab"));
        Assert.Equal([4, 1], tokenizer.Encode("aaa"));
        // Unknown characters fuse into one unknown token.
        Assert.Equal([1, 0, 2], tokenizer.Encode("axyb"));

        var strings = TinyTokenizerJson.Bpe(vocab, []);
        strings["model"]!["merges"] = new JsonArray("a b", "a a", "a ab");
        Assert.Equal(tokenizer.Encode("aabaaab"), Load(dir, strings).Encode("aabaaab"));

        var unfused = TinyTokenizerJson.Bpe(vocab, []);
        unfused["model"]!["fuse_unk"] = false;
        Assert.Equal([1, 0, 0, 2], Load(dir, unfused).Encode("axyb"));

        // "bab": (a, b) outranks (b, a), leaving "b" + "ab"; with ignore_merges a piece in the vocabulary stays whole.
        var whole = TinyTokenizerJson.Bpe(["<unk>", "a", "b", "ab", "ba", "bab"], [["a", "b"], ["b", "a"]]);
        Assert.Equal([2, 3], Load(dir, whole).Encode("bab"));
        whole["model"]!["ignore_merges"] = true;
        Assert.Equal([5], Load(dir, whole).Encode("bab"));
    }

    [Fact]
    public void Bpe_suffix_prefix_and_byte_fallback()
    {
        using var dir = new TempDirectory();
        var json = TinyTokenizerJson.Bpe(["<unk>", "a", "b</w>", "ab</w>", "<0xC3>", "<0xA9>"], [["a", "b</w>"]]);
        json["model"]!["end_of_word_suffix"] = "</w>";
        json["model"]!["byte_fallback"] = true;
        var tokenizer = Load(dir, json);
        Assert.Equal([3], tokenizer.Encode("ab"));
        Assert.Equal([1, 4, 5, 2], tokenizer.Encode("aéb"));
    }

    [Theory]
    [InlineData("Removed", new[] { "the", "final", "countdown" })]
    [InlineData("Isolated", new[] { "the", "-", "final", "-", "-", "countdown" })]
    [InlineData("MergedWithPrevious", new[] { "the-", "final-", "-", "countdown" })]
    [InlineData("MergedWithNext", new[] { "the", "-final", "-", "-countdown" })]
    [InlineData("Contiguous", new[] { "the", "-", "final", "--", "countdown" })]
    public void Split_behaviours_are_the_rust_librarys(string behavior, string[] expected)
    {
        // The example of the tokenizers documentation for SplitDelimiterBehavior.
        var node = new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["String"] = "-" }, ["behavior"] = behavior, ["invert"] = false };
        Assert.Equal(expected, Pieces(node, "the-final--countdown"));
    }

    [Fact]
    public void Split_inverted_regex_keeps_the_matches()
    {
        var node = new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["Regex"] = "\\w+" }, ["behavior"] = "Removed", ["invert"] = true };
        Assert.Equal(["Hey", "friend"], Pieces(node, "Hey, friend!"));
    }

    [Fact]
    public void Metaspace_prepend_schemes_and_split()
    {
        JsonObject Meta(string? scheme, bool split, bool? addPrefixSpace = null)
        {
            var node = new JsonObject { ["type"] = "Metaspace", ["replacement"] = "\u2581", ["split"] = split };
            if (scheme is not null) node["prepend_scheme"] = scheme;
            if (addPrefixSpace is { } legacy) node["add_prefix_space"] = legacy;
            return node;
        }
        Assert.Equal(["\u2581hey", "\u2581friend"], Pieces(Meta("always", true), "hey friend"));
        Assert.Equal(["\u2581hey\u2581friend"], Pieces(Meta("always", false), "hey friend"));
        Assert.Equal(["hey", "\u2581friend"], Pieces(Meta("never", true), "hey friend"));
        Assert.Equal(["hey", "\u2581friend"], Pieces(Meta("first", true), "hey friend", firstSection: false));
        Assert.Equal(["\u2581hey", "\u2581friend"], Pieces(Meta("first", true), "hey friend", firstSection: true));
        Assert.Equal(["hey", "\u2581friend"], Pieces(Meta(null, true, addPrefixSpace: false), "hey friend"));
        Assert.Equal(["\u2581", "\u2581a"], Pieces(Meta("always", true), "  a"));
    }

    [Fact]
    public void Added_tokens_are_found_first_with_lstrip_rstrip_and_normalized_forms()
    {
        using var dir = new TempDirectory();
        var json = TinyTokenizerJson.Unigram("\u2581a", "\u2581b", "a", "b");
        json["added_tokens"]!.AsArray().Add(TinyTokenizerJson.Added(6, "<mask>", lstrip: true, rstrip: true));
        json["added_tokens"]!.AsArray().Add(TinyTokenizerJson.Added(7, "<sep>", special: false, normalized: true));
        json["normalizer"] = new JsonObject { ["type"] = "Lowercase" };
        var tokenizer = Load(dir, json);
        // lstrip/rstrip swallow the spaces beside <mask>; "b" after it starts a new section, so it gets its prefix.
        Assert.Equal([2, 6, 3], tokenizer.Encode("a <mask> b", addSpecialTokens: false));
        // A normalized added token is found after normalization: "<SEP>" lowercases to "<sep>".
        Assert.Equal([2, 7, 3], tokenizer.Encode("a<SEP>b", addSpecialTokens: false));
        Assert.Equal(6, tokenizer.TokenToId("<mask>"));
        Assert.Equal("<mask>", tokenizer.IdToToken(6));
        Assert.Equal([1], tokenizer.Encode("</s>", addSpecialTokens: false));
    }

    [Theory]
    [InlineData("ΟΔΟΣ", "οδος")]
    [InlineData("ΟΔΟΣ ΚΑΙ ΣΑ", "οδος και σα")]
    [InlineData("Σ", "σ")]
    [InlineData("ΑΣ.", "ας.")]
    [InlineData("ΑΣ'Β", "ασ'β")]
    [InlineData("İstanbul", "i\u0307stanbul")]
    [InlineData("STRASSE Straße ÅNGSTRÖM", "strasse straße ångström")]
    [InlineData("𐐀𐐁", "𐐨𐐩")]
    public void Lowercasing_is_unicode_full_lowercase(string text, string expected) => Assert.Equal(expected, UnicodeCase.ToLower(text));

    [Fact]
    public void Tokenizer_json_is_safe_to_share_across_threads()
    {
        var tokenizer = TokenizerJson.Load(TokenizersJs.File("gemma_tokenizer.json"));
        var strings = TokenizersJs.Strings;
        var expected = strings.Select(s => tokenizer.Encode(s)).ToArray();
        Parallel.For(0, 400, i => Assert.Equal(expected[i % strings.Count], tokenizer.Encode(strings[i % strings.Count])));
    }

    [Fact]
    public void A_siglip_or_siglip2_folder_with_only_tokenizer_json_gets_its_family_tokenizer()
    {
        using var dir = new TempDirectory();
        foreach (var (family, source, tokenizerClass) in new[] { ("siglip", "siglip_tokenizer.json", "SiglipTokenizer"), ("siglip2", "gemma_tokenizer.json", "GemmaTokenizerFast") })
        {
            var root = Path.Combine(dir.Path, family);
            dir.Write($"{family}/config.json", """{"model_type": "siglip", "text_config": {"max_position_embeddings": 64}}"""u8.ToArray());
            dir.Write($"{family}/preprocessor_config.json", "{}"u8.ToArray());
            dir.Write($"{family}/tokenizer_config.json", JsonSerializer.SerializeToUtf8Bytes(new { tokenizer_class = tokenizerClass }));
            dir.Write($"{family}/onnx/vision_model.onnx", "x"u8.ToArray());
            dir.Write($"{family}/onnx/text_model.onnx", "x"u8.ToArray());
            File.Copy(TokenizersJs.File(source), Path.Combine(root, "tokenizer.json"));
            var tokenizer = EmbeddingModel.TokenizerFor(ModelDirectory.Open(root));
            var expected = family == "siglip" ? ReferenceManifest.Tokens("siglip", "input_ids") : ReferenceManifest.Tokens("siglip2_gemma", "input_ids");
            Assert.IsType(family == "siglip" ? typeof(SiglipTokenizer) : typeof(GemmaTokenizer), tokenizer);
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], tokenizer.Encode(ReferenceManifest.Strings[i]));
        }
    }

    private static string[] Pieces(JsonObject preTokenizer, string text, bool firstSection = true)
    {
        using var doc = JsonDocument.Parse(preTokenizer.ToJsonString());
        var pieces = new List<string>();
        PreTokenizer.FromJson(new TokenizerJsonNode(doc.RootElement, "pre_tokenizer", "test.json"))!.Split(text, firstSection, pieces);
        return [.. pieces];
    }
}
