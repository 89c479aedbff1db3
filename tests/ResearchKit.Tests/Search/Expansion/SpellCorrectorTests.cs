using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

/// <summary>Candidate ranking on the mini dictionary, and real typos against the installed en_US.</summary>
public sealed class SpellCorrectorTests
{
    private static readonly HunspellDictionary Mini = HunspellDictionary.Load(ExpansionFixtures.MiniAff, ExpansionFixtures.MiniDic);

    private static string Fix(string query, SpellCorrectionOptions? options = null) =>
        new SpellCorrector(Mini, options).Correct(query).Corrected;

    [Theory]
    [InlineData("bakeing", "baking")]      // distance 1
    [InlineData("bekinng", "baking")]      // distance 2 for a long enough word
    [InlineData("cryed", "cried")]         // distance 1 beats "cry" at 2
    [InlineData("cst", "cat")]             // "cat" and "cot" tie: alphabetical
    [InlineData("teh", "the")]             // a swap beats "tea", which sorts first
    [InlineData("cotx", "cots")]           // same length beats "cot", which sorts first
    [InlineData("Teh cta, bakeing!", "The cat, baking!")]
    [InlineData("TEH", "THE")]
    public void Unknown_words_get_the_best_ranked_candidate(string query, string expected)
    {
        Assert.Equal(expected, Fix(query));
    }

    [Theory]
    [InlineData("the cat walked")]         // all known
    [InlineData("2cats 42 x")]             // digits and single letters are left alone
    [InlineData("darm")]                   // the only near word, "darn", is NOSUGGEST
    [InlineData("zzzzzz")]                 // nothing within distance 2
    [InlineData("tx")]                     // "the", "tie", "tea" are 2 away, but "tx" is too short for distance 2
    public void Known_numeric_or_hopeless_words_are_left_unchanged(string query)
    {
        var result = new SpellCorrector(Mini).Correct(query);
        Assert.Equal(query, result.Corrected);
        Assert.False(result.Changed);
    }

    [Fact]
    public void Preferred_vocabulary_wins_ties_and_adds_candidates()
    {
        Assert.Equal("cot", Fix("cst", new SpellCorrectionOptions { PreferredVocabulary = ["cot"] }));
        Assert.Equal("corgi", Fix("corgy", new SpellCorrectionOptions { PreferredVocabulary = ["corgi"] }));
        Assert.Equal("golden retriever", Fix("golden retreiver", new SpellCorrectionOptions { PreferredVocabulary = ["Golden Retriever"] }));
    }

    [Fact]
    public void Whitelisted_words_are_accepted_as_typed()
    {
        Assert.Equal("cats", Fix("cets"));
        Assert.Equal("cets", Fix("cets", new SpellCorrectionOptions { Whitelist = ["CETS"] }));
    }

    [Fact]
    public void The_result_lists_each_change()
    {
        var result = new SpellCorrector(Mini).Correct("teh cat bakeing");

        Assert.Equal("teh cat bakeing", result.Original);
        Assert.Equal("the cat baking", result.Corrected);
        Assert.Equal([new WordCorrection("teh", "the", 1), new WordCorrection("bakeing", "baking", 1)], result.Changes);
    }

    [Theory]
    [InlineData("recieve", "receive")]
    [InlineData("teh", "the")]               // "eth" is a swap too, but changes the first letter
    [InlineData("hte", "the")]               // a swap beats "he", "hue", "hate"
    [InlineData("a photo of teh dog recieving a ball", "a photo of the dog receiving a ball")]
    [InlineData("Recieve", "Receive")]
    [InlineData("cofee", "coffee")]          // a doubling slip beats "cooee", which keeps the length
    public void Installed_en_us_fixes_common_typos(string query, string expected)
    {
        Assert.Equal(expected, new SpellCorrector(ExpansionFixtures.InstalledEnglish).Correct(query).Corrected);
    }

    [Theory]
    [InlineData("Two dogs playing on the beach at sunset")]
    [InlineData("a red bicycle leaning against a wall")]
    [InlineData("don't stop")]
    public void Installed_en_us_leaves_correct_text_alone(string query)
    {
        var result = new SpellCorrector(ExpansionFixtures.InstalledEnglish).Correct(query);
        Assert.False(result.Changed, string.Join(", ", result.Changes));
        Assert.Equal(query, result.Corrected);
    }
}
