using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

/// <summary>
/// The hand-made lexicons under tests/fixtures (wordnet-mini, hunspell-mini) and the installed ones that
/// scripts/install-lexicons.sh puts in /usr/share, each loaded once per test run.
/// </summary>
public static class ExpansionFixtures
{
    private static readonly string Root = Path.GetDirectoryName(FixturePaths.Reference)!;

    /// <summary>tests/fixtures/wordnet-mini, written by its make_wordnet_mini.py.</summary>
    public static string WordNetMini { get; } = Path.Combine(Root, "wordnet-mini");

    public static string MiniAff { get; } = Path.Combine(Root, "hunspell-mini", "mini.aff");
    public static string MiniDic { get; } = Path.Combine(Root, "hunspell-mini", "mini.dic");

    private static readonly Lazy<WordNetDatabase> Installed = new(() => Require(() => new WordNetDatabase()));
    private static readonly Lazy<HunspellDictionary> InstalledEnUs = new(() => Require(() => HunspellDictionary.LoadLanguage("en_US")));

    /// <summary>The WordNet 3.0 database in /usr/share/wordnet.</summary>
    public static WordNetDatabase InstalledWordNet => Installed.Value;

    /// <summary>The en_US Hunspell dictionary in /usr/share/hunspell.</summary>
    public static HunspellDictionary InstalledEnglish => InstalledEnUs.Value;

    private static T Require<T>(Func<T> load)
    {
        try
        {
            return load();
        }
        catch (LexiconNotFoundException e)
        {
            Assert.Fail("This test reads the installed lexicons: run scripts/install-lexicons.sh (as root) first. " + e.Message);
            throw;
        }
    }
}
