using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

/// <summary>The reader on the real WordNet 3.0 database; needs scripts/install-lexicons.sh to have run.</summary>
public sealed class WordNetInstalledTests
{
    private static WordNetDatabase WordNet => ExpansionFixtures.InstalledWordNet;

    [Fact]
    public void Dog_has_domestic_dog_as_synonym_and_canine_as_hypernym()
    {
        var dog = WordNet.Lookup("dog", PartOfSpeech.Noun)[0];

        Assert.Contains("domestic_dog", WordNet.Synonyms("dog", PartOfSpeech.Noun, maxSenses: 1));
        Assert.Contains(WordNet.Hypernyms(dog), s => s.Words.Contains("canine"));
        Assert.Contains(WordNet.Hyponyms(dog), s => s.Words.Contains("puppy"));
        Assert.Equal(7, WordNet.Lookup("dog", PartOfSpeech.Noun).Count);
    }

    [Theory]
    [InlineData("geese", "goose")]
    [InlineData("dogs", "dog")]
    [InlineData("churches", "church")]
    [InlineData("women", "woman")]
    public void Plurals_reduce_to_their_lemma(string plural, string lemma)
    {
        Assert.Contains(lemma, WordNet.BaseForms(plural, PartOfSpeech.Noun));
    }

    [Fact]
    public void Boss_is_not_read_as_a_plural()
    {
        Assert.Equal(["boss"], WordNet.BaseForms("boss", PartOfSpeech.Noun));
    }

    [Fact]
    public void Instance_hypernyms_are_followed()
    {
        var einstein = WordNet.Lookup("einstein", PartOfSpeech.Noun)[0];
        Assert.Contains(WordNet.Hypernyms(einstein), s => s.Words.Contains("physicist"));
    }

    [Fact]
    public void Every_pointer_of_a_deep_walk_resolves()
    {
        // Walks up from a few words to the root and checks each parsed synset is consistent with its offset.
        foreach (var word in new[] { "dog", "bicycle", "sunset", "pizza" })
        {
            var level = WordNet.Lookup(word, PartOfSpeech.Noun).Take(1).ToList();
            for (var depth = 0; depth < 20 && level.Count > 0; depth++)
            {
                foreach (var s in level) Assert.NotEmpty(s.Words);
                level = level.SelectMany(WordNet.Hypernyms).ToList();
            }
            Assert.Empty(level);
        }
    }
}
