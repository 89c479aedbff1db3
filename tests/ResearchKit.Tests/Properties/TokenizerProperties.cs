using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using ResearchKit.Text;

namespace ResearchKit.Tests.Properties;

/// <summary>
/// Invariants of the three tokenizers on random text: the fixed-length framing, truncation that keeps the start and
/// the end token, insensitivity to case and whitespace runs, and decode-then-encode giving back the same ids (with a
/// test-side decoder, since the tokenizers only encode).
/// </summary>
public sealed partial class TokenizerProperties
{
    private const int Unbounded = 4096;

    // Words the tiny vocabularies know, other letters, digits, punctuation, whitespace runs and non-ASCII text
    // (accents, a combining mark, a ligature, CJK, an emoji, dotted capital I).
    private static readonly Gen<string> Fragment = Gen.Frequency<string>(
        (4, Gen.OneOf("the", "dog", "Dolphins", "airplane", "photo", "sunset", "pizzas", "a", "over", "sitting", "house", "red", "apple")),
        (3, Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"], 1, 8]),
        (1, Gen.String[Gen.Char["0123456789"], 1, 3]),
        (2, Gen.String[Gen.Char[".,;:!?'\"-()&/"], 1, 2]),
        (4, Gen.OneOf(" ", " ", " ", "  ", "\t", "\n", " \n ")),
        (1, Gen.OneOf("é", "ü", "straße", "İ", "Σ", "e\u0301", "ﬁ", "日本", "🍎", "naïve")));

    private static readonly Gen<string> Text = Fragment.Array[0, 30].Select(string.Concat);

    // The tiny SigLIP vocabulary has no piece for j, k, q, x, most digits or anything beyond ASCII: text that can be
    // decoded again is made of the rest.
    private static readonly Gen<string> SiglipText = Gen.Frequency<string>(
        (4, Gen.OneOf("the", "dog", "Dolphins", "airplane", "photo", "sunset", "pizzas", "a", "over", "sitting", "house", "red", "apple")),
        (3, Gen.String[Gen.Char["abcdefghilmnoprstuvwyzABCDEFGHILMNOPRSTUVWYZ"], 1, 8]),
        (1, Gen.OneOf("3", "33")),
        (2, Gen.String[Gen.Char[".,;:!?'\"-()&/"], 1, 2]),
        (4, Gen.OneOf(" ", " ", " ", "  ", "\t", "\n", " \n "))).Array[0, 30].Select(string.Concat);

    private static readonly ConcurrentDictionary<(string, int), TokenizerUnderTest> Loaded = new();

    public static TheoryData<string> Tokenizers => ["siglip", "gemma", "clip"];

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Every_encoding_is_framed_and_truncation_keeps_the_start_and_the_end_token(string name)
    {
        var unbounded = TokenizerUnderTest.Load(name, Unbounded);
        Gen.Select(Text, Gen.Int[2, 40]).Sample((text, context) =>
        {
            var tokenizer = Loaded.GetOrAdd((name, context), key => TokenizerUnderTest.Load(key.Item1, key.Item2));
            var ids = tokenizer.Tokenizer.Encode(text);
            Assert.Equal(context, ids.Length);
            var content = tokenizer.Content(ids);
            var whole = unbounded.Content(unbounded.Tokenizer.Encode(text));
            Assert.Equal(whole.Take(context - tokenizer.FramingLength), content);
        }, iter: 200);
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Case_and_whitespace_runs_do_not_change_the_ids(string name)
    {
        var tokenizer = TokenizerUnderTest.Load(name, Unbounded);
        Text.Sample(text =>
        {
            var ids = tokenizer.Tokenizer.Encode(text);
            var spaced = "  " + Whitespace().Replace(text, m => m.Value.Length == 1 ? " \t " : " ") + "\n";
            Assert.Equal(ids, tokenizer.Tokenizer.Encode(AsciiUpper(text)));
            Assert.Equal(ids, tokenizer.Tokenizer.Encode(spaced));
        }, iter: 200);
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Decoding_then_encoding_gives_back_the_same_ids(string name)
    {
        var tokenizer = TokenizerUnderTest.Load(name, Unbounded);
        var decodable = 0;
        (name == "siglip" ? SiglipText : Text).Sample(text =>
        {
            var ids = tokenizer.Content(tokenizer.Tokenizer.Encode(text));
            // An unknown piece has no text to give back.
            if (tokenizer.Decode(ids) is not { } decoded) return;
            Interlocked.Increment(ref decodable);
            Assert.Equal(ids, tokenizer.Content(tokenizer.Tokenizer.Encode(decoded)));
        }, iter: 300, print: text => JsonSerializer.Serialize(text));
        // The property must have been exercised, not skipped for want of decodable text.
        Assert.True(decodable >= 150, $"only {decodable} of 300 texts were decodable");
    }

    [Fact]
    public void Context_lengths_below_two_are_refused_by_every_tokenizer()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenizerUnderTest.Load("siglip", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenizerUnderTest.Load("gemma", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenizerUnderTest.Load("clip", 1));
    }

    private static string AsciiUpper(string text) => string.Concat(text.Select(c => c is >= 'a' and <= 'z' ? (char)(c - 32) : c));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
