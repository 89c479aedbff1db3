using ResearchKit.Text;

namespace ResearchKit.Tests.Text;

/// <summary>
/// tokenizer.json ids against Hugging Face's JavaScript tokenizers on the broad string set of
/// tests/fixtures/tokenizers/strings.json: raw ids with and without special tokens, and the SigLIP / SigLIP 2
/// framing on top. Needs node (scripts/install-node-tokenizers.sh); under CI=true a missing node fails.
/// </summary>
public sealed class TokenizerJsonParityTests
{
    private const char ZeroWidthJoiner = '\u200D';
    private static readonly IReadOnlyList<string> Strings = TokenizersJs.Strings;

    [TokenizersJsFact]
    public void Siglip_unigram_tokenizer_json_ids_equal_tokenizers_js() => AssertRawIdsEqual(TokenizersJs.File("siglip_tokenizer.json"), hasPrecompiled: true);

    [TokenizersJsFact]
    public void Gemma_fixture_bpe_tokenizer_json_ids_equal_tokenizers_js() => AssertRawIdsEqual(TokenizersJs.File("gemma_tokenizer.json"), hasPrecompiled: true);

    [TokenizersJsFact]
    public void Gemma_layout_fixture_tokenizer_json_ids_equal_tokenizers_js() => AssertRawIdsEqual(TokenizersJs.File("gemma_like_tokenizer.json"), hasPrecompiled: false);

    [TokenizersJsFact]
    public void Real_gemma3_tokenizer_json_ids_equal_tokenizers_js() => AssertRawIdsEqual(TokenizersJs.Gemma3Json, hasPrecompiled: false, TokenizersJs.Gemma3Config);

    [TokenizersJsFact]
    public void Siglip_framing_on_tokenizers_js_ids_equals_siglip_tokenizer_from_tokenizer_json()
    {
        var path = TokenizersJs.File("siglip_tokenizer.json");
        var canonical = Strings.Select(SiglipTokenizer.Canonicalize).Select(WithoutZeroWidthJoiner).ToArray();
        var reference = TokenizersJs.Encode(path, canonical);
        var tokenizer = SiglipTokenizer.FromTokenizerJson(path);
        AssertAll("SigLIP from tokenizer.json vs tokenizers.js + SigLIP framing",
            i => FixedLengthIds.Frame(reference[i].Plain, 64, start: null, end: 1, pad: 1),
            i => tokenizer.Encode(WithoutZeroWidthJoiner(Strings[i])));
    }

    [TokenizersJsFact]
    public void Siglip2_framing_on_tokenizers_js_ids_equals_gemma_tokenizer_from_tokenizer_json()
    {
        foreach (var (path, config, eos, precompiled) in new[]
                 {
                     (TokenizersJs.File("gemma_tokenizer.json"), (string?)null, 1, true),
                     (TokenizersJs.File("gemma_like_tokenizer.json"), null, 1, false),
                     (TokenizersJs.Gemma3Json, TokenizersJs.Gemma3Config, 1, false),
                 })
        {
            string Input(string s) => precompiled ? WithoutZeroWidthJoiner(s) : s;
            var reference = TokenizersJs.Encode(path, [.. Strings.Select(Input).Select(UnicodeCase.ToLower)], config);
            var tokenizer = GemmaTokenizer.FromTokenizerJson(path);
            AssertAll($"SigLIP 2 from {Path.GetFileName(Path.GetDirectoryName(path))}/{Path.GetFileName(path)} vs tokenizers.js + SigLIP 2 framing",
                i => FixedLengthIds.Frame(reference[i].Plain, 64, start: null, end: eos, pad: 0),
                i => tokenizer.Encode(Input(Strings[i])));
        }
    }

    /// <summary>
    /// tokenizers.js does not read the Precompiled charsmap: it approximates it with NFKC and fixed character lists,
    /// which agree with this charsmap on every character but U+200D (the emoji joiner), which tokenizers.js turns into
    /// a space and the charsmap (like SentencePiece and the Rust library) keeps. For those strings the reference is
    /// compared with our ids for the text as tokenizers.js sees it, the joiner already a space; that our ids for the
    /// original text are SentencePiece's is checked in <see cref="TokenizerJsonFixtureTests"/>.
    /// </summary>
    private static void AssertRawIdsEqual(string path, bool hasPrecompiled, string? config = null)
    {
        var reference = TokenizersJs.Encode(path, Strings, config);
        Assert.Equal(Strings.Count, reference.Count);
        var tokenizer = TokenizerJson.Load(path);
        string Input(string s) => hasPrecompiled ? WithoutZeroWidthJoiner(s) : s;
        AssertAll($"{path} with special tokens", i => reference[i].Special, i => tokenizer.Encode(Input(Strings[i])));
        AssertAll($"{path} without special tokens", i => reference[i].Plain, i => tokenizer.Encode(Input(Strings[i]), addSpecialTokens: false));
    }

    private static string WithoutZeroWidthJoiner(string text) => text.Replace(ZeroWidthJoiner, ' ');

    internal static void AssertAll(string what, Func<int, int[]> expected, Func<int, int[]> actual, IReadOnlyList<string>? strings = null)
    {
        strings ??= Strings;
        var failures = new List<string>();
        for (var i = 0; i < strings.Count; i++)
        {
            int[] e = expected(i), a = actual(i);
            if (!e.SequenceEqual(a))
                failures.Add($"  [{i}] {System.Text.Json.JsonSerializer.Serialize(strings[i][..Math.Min(strings[i].Length, 60)])}: expected [{string.Join(",", e.Take(40))}] got [{string.Join(",", a.Take(40))}]");
        }
        Assert.True(failures.Count == 0, $"{what}: {failures.Count} of {strings.Count} strings differ\n{string.Join("\n", failures)}");
    }
}
