using System.Text;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

/// <summary>Affix expansion on the hand-written tests/fixtures/hunspell-mini pair, and loading the installed en_US.</summary>
public sealed class HunspellDictionaryTests
{
    private static readonly HunspellDictionary Mini = HunspellDictionary.Load(ExpansionFixtures.MiniAff, ExpansionFixtures.MiniDic);

    [Fact]
    public void Mini_dictionary_expands_to_exactly_the_expected_forms()
    {
        string[] expected =
        [
            "cry", "cries", "cried",                 // SFX S/D strip "y" under [^aeiou]y
            "play", "plays",                         // [aeiou]y takes "s"; no D rule fits "play" in this file
            "box", "boxes",                          // [sxzh] takes "es"
            "bake", "baked", "baking",               // strip "e" before "ing"
            "tie", "tied", "untie", "untied",        // U and D both allow cross products
            "do", "undo", "redo",                    // R's condition [^r] holds
            "café", "cafés",                         // UTF-8 per SET
            "foolies",                               // NEEDAFFIX: the bare stem is not a word
            "darn",                                  // NOSUGGEST words are still valid
            "cat", "cats", "cot", "cots",
            "walk", "walked", "walking",             // morphological field after the tab ignored
            "the", "tea",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Mini.Words.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Length, Mini.Count);
    }

    [Theory]
    [InlineData("CRIED", true)]
    [InlineData("Café", true)]
    [InlineData("plaied", false)]
    [InlineData("bakeing", false)]
    [InlineData("fooly", false)]
    [InlineData("wrongword", false)]
    public void Contains_ignores_case_and_follows_the_rules(string word, bool expected)
    {
        Assert.Equal(expected, Mini.Contains(word));
    }

    [Fact]
    public void Latin1_files_with_long_flags_are_decoded_per_the_set_line()
    {
        using var temp = new TempDirectory();
        var aff = temp.Write("l1.aff", Encoding.Latin1.GetBytes(
            "SET ISO8859-1\nFLAG long\nSFX Aa Y 1\nSFX Aa 0 s .\nPFX Bb Y 1\nPFX Bb 0 ré .\n"));
        var dic = temp.Write("l1.dic", Encoding.Latin1.GetBytes("1\nnaïve/AaBb\n"));

        var dictionary = HunspellDictionary.Load(aff, dic);

        Assert.Equal(["naïve", "naïves", "rénaïve", "rénaïves"], dictionary.Words.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Numeric_flags_resolve_through_af_aliases()
    {
        using var temp = new TempDirectory();
        var aff = temp.Write("n.aff", "SET UTF-8\nFLAG num\nAF 1\nAF 101,102\nSFX 101 Y 1\nSFX 101 0 s .\nSFX 102 Y 1\nSFX 102 0 ed .\n"u8.ToArray());
        var dic = temp.Write("n.dic", "1\nwalk/1\n"u8.ToArray());

        Assert.Equal(["walk", "walked", "walks"], HunspellDictionary.Load(aff, dic).Words.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Bad_files_are_reported_with_path_and_what_to_do()
    {
        using var temp = new TempDirectory();
        var missing = Assert.Throws<LexiconNotFoundException>(() => HunspellDictionary.LoadLanguage("xx_XX", temp.Path));
        Assert.EndsWith("xx_XX.aff", missing.Path);
        Assert.Contains("hunspell-en-us", missing.Message);

        var koi = temp.Write("k.aff", "SET KOI8-R\n"u8.ToArray());
        var dic = temp.Write("k.dic", "1\nword\n"u8.ToArray());
        Assert.Contains("iconv", Assert.Throws<LexiconFormatException>(() => HunspellDictionary.Load(koi, dic)).Message);

        var aff = temp.Write("c.aff", "SET UTF-8\nSFX S Y x\n"u8.ToArray());
        var e = Assert.Throws<LexiconFormatException>(() => HunspellDictionary.Load(aff, dic));
        Assert.Equal(2, e.Line);

        var ok = temp.Write("ok.aff", "SET UTF-8\n"u8.ToArray());
        var noCount = temp.Write("nc.dic", "word\n"u8.ToArray());
        Assert.Equal(1, Assert.Throws<LexiconFormatException>(() => HunspellDictionary.Load(ok, noCount)).Line);
    }

    [Fact]
    public void Installed_en_us_knows_inflected_forms()
    {
        var english = ExpansionFixtures.InstalledEnglish;

        Assert.True(english.Count > 100_000, $"only {english.Count} forms");
        foreach (var word in new[] { "receive", "received", "receives", "receiving", "dogs", "cried", "unhappy", "The", "don't" })
            Assert.True(english.Contains(word), word);
        Assert.False(english.Contains("recieve"));
    }
}
