using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

/// <summary>The wndb reader on tests/fixtures/wordnet-mini, whose offsets make_wordnet_mini.py computed.</summary>
public sealed class WordNetDatabaseTests
{
    private static readonly WordNetDatabase Mini = new(ExpansionFixtures.WordNetMini);

    [Fact]
    public void Lookup_returns_synsets_in_index_sense_order_not_file_order()
    {
        var senses = Mini.Lookup("dog", PartOfSpeech.Noun);

        Assert.Equal(2, senses.Count);
        Assert.Equal(["dog", "domestic_dog", "Canis_familiaris"], senses[0].Words);
        Assert.Equal(["frump", "dog"], senses[1].Words);
        Assert.True(senses[1].Offset < senses[0].Offset, "the fixture stores the second sense first");
        Assert.Equal("a domesticated canine", senses[0].Gloss);
    }

    [Fact]
    public void Lookup_is_case_and_space_insensitive_and_finds_collocations()
    {
        Assert.Single(Mini.Lookup("  Hot   DOG ", PartOfSpeech.Noun));
        Assert.Equal("hot_dog", WordNetDatabase.ToLemma(" Hot  Dog"));
        Assert.Equal("domestic dog", WordNetDatabase.ToPhrase("domestic_dog"));
        Assert.Empty(Mini.Lookup("unicorn", PartOfSpeech.Noun));
    }

    [Theory]
    [InlineData("dogs", PartOfSpeech.Noun, "dog")]
    [InlineData("geese", PartOfSpeech.Noun, "goose")]
    [InlineData("boxes", PartOfSpeech.Noun, "box")]
    [InlineData("ran", PartOfSpeech.Verb, "run")]
    [InlineData("running", PartOfSpeech.Verb, "run")]
    [InlineData("chases", PartOfSpeech.Verb, "chase")]
    [InlineData("chased", PartOfSpeech.Verb, "chase")]
    [InlineData("redder", PartOfSpeech.Adjective, "red")]
    [InlineData("dog", PartOfSpeech.Noun, "dog")]
    public void BaseForms_use_exception_lists_and_detachment_rules(string word, PartOfSpeech pos, string expected)
    {
        Assert.Equal([expected], Mini.BaseForms(word, pos));
    }

    [Fact]
    public void Hypernyms_and_hyponyms_follow_class_and_instance_pointers()
    {
        var dog = Mini.Lookup("dog", PartOfSpeech.Noun)[0];

        Assert.Equal(["canine", "canid"], Assert.Single(Mini.Hypernyms(dog)).Words);
        Assert.Equal(["puppy", "corgi", "Laika"], Mini.Hyponyms(dog).Select(s => s.Words[0]));

        var laika = Mini.Lookup("laika", PartOfSpeech.Noun)[0];
        Assert.Equal(dog.Offset, Assert.Single(Mini.Hypernyms(laika)).Offset);
    }

    [Fact]
    public void Synonyms_exclude_the_word_itself_and_stop_at_max_senses()
    {
        Assert.Equal(["domestic_dog", "Canis_familiaris"], Mini.Synonyms("dogs", PartOfSpeech.Noun, maxSenses: 1));
        Assert.Equal(["domestic_dog", "Canis_familiaris", "frump"], Mini.Synonyms("dog", PartOfSpeech.Noun));
        Assert.Equal(["chase", "tail", "track"], Mini.Synonyms("dog", PartOfSpeech.Verb));
    }

    [Fact]
    public void Adjective_markers_are_stripped_and_pointer_pos_is_read()
    {
        Assert.Equal(["red", "reddish"], Mini.Lookup("red", PartOfSpeech.Adjective)[0].Words);
        var chase = Mini.Lookup("dog", PartOfSpeech.Verb)[0];
        Assert.Equal(PartOfSpeech.Verb, Assert.Single(chase.Pointers).TargetPartOfSpeech);
        Assert.Equal(["follow", "track"], Mini.Hypernyms(chase)[0].Words);
    }

    [Fact]
    public void GetSynset_rejects_an_offset_that_does_not_start_a_line()
    {
        var dog = Mini.Lookup("dog", PartOfSpeech.Noun)[0];
        var e = Assert.Throws<LexiconFormatException>(() => Mini.GetSynset(PartOfSpeech.Noun, dog.Offset + 1));
        Assert.Contains("data.noun", e.Message);
    }

    [Fact]
    public void Missing_directory_or_file_names_the_path_and_the_install_script()
    {
        using var temp = new TempDirectory();
        var missing = Path.Combine(temp.Path, "nowhere");
        var e = Assert.Throws<LexiconNotFoundException>(() => new WordNetDatabase(missing));
        Assert.Contains(missing, e.Message);
        Assert.Contains("wordnet-base", e.Message);

        foreach (var file in Directory.GetFiles(ExpansionFixtures.WordNetMini).Where(f => !f.EndsWith("data.verb")))
            File.Copy(file, Path.Combine(temp.Path, Path.GetFileName(file)));
        var partial = Assert.Throws<LexiconNotFoundException>(() => new WordNetDatabase(temp.Path));
        Assert.Equal(Path.Combine(temp.Path, "data.verb"), partial.Path);
    }

    [Fact]
    public void A_malformed_index_line_names_file_and_line()
    {
        using var temp = new TempDirectory();
        foreach (var file in Directory.GetFiles(ExpansionFixtures.WordNetMini))
            File.Copy(file, Path.Combine(temp.Path, Path.GetFileName(file)));
        File.AppendAllText(Path.Combine(temp.Path, "index.noun"), "zebra n x\n");

        var e = Assert.Throws<LexiconFormatException>(() => new WordNetDatabase(temp.Path).Lookup("dog", PartOfSpeech.Noun));
        Assert.EndsWith("index.noun", e.Path);
        Assert.Equal(File.ReadAllLines(Path.Combine(temp.Path, "index.noun")).Length, e.Line);
    }
}
