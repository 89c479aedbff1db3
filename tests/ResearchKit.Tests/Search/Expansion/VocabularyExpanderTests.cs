using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

/// <summary>Planning against a gallery's vocabulary: which words expand, which senses win, what the candidates weigh.</summary>
public sealed class VocabularyExpanderTests
{
    private static readonly WordNetDatabase Mini = new(ExpansionFixtures.WordNetMini);

    private static GalleryVocabulary Vocabulary(params string[] entries) => new(entries.Select(e => (IEnumerable<string>)[e]));

    private static VocabularyExpander Expander(GalleryVocabulary vocabulary, VocabularyExpansionOptions? options = null, WordNetDatabase? wordNet = null) =>
        new(wordNet ?? Mini, vocabulary, options ?? new VocabularyExpansionOptions { EntriesPerTerm = 0 });

    [Fact]
    public void Words_the_gallery_has_are_searched_as_typed()
    {
        var plan = Expander(Vocabulary("dog", "puppy")).Plan("the dog and  puppy");

        Assert.Equal("the dog and puppy", plan.Query);
        Assert.Empty(plan.Unknown);
        Assert.False(plan.Expands);
        Assert.Contains(plan.Notes, n => n.Contains("every word is in the gallery's vocabulary"));
        Assert.Equal([new ExpansionTerm("the dog and puppy", 1f, "query")], plan.Terms(0.5f, 12));
    }

    [Fact]
    public void An_unknown_word_becomes_the_gallery_terms_its_relations_reach_weighted_by_steps()
    {
        // canine -> hyponyms dog (not in the gallery) and wolf; dog -> hyponym puppy, two steps from canine.
        var options = new VocabularyExpansionOptions { EntriesPerTerm = 0, HyponymWeight = 0.8f, StepDecay = 0.5f };
        var plan = Expander(Vocabulary("wolf", "puppy"), options).Plan("canine");

        var unknown = Assert.Single(plan.Unknown);
        Assert.Equal("canine", unknown.In(plan.Query));
        Assert.Equal([("wolf", 0.8f, "hyponym:1"), ("puppy", 0.4f, "hyponym:2")],
            unknown.Candidates.Select(c => (c.Text, c.Weight, c.Source)));
        Assert.All(unknown.Candidates, c => Assert.Equal(1, c.Sense));
    }

    [Fact]
    public void Senses_are_chosen_by_what_they_reach_in_the_gallery()
    {
        // "dog" has two senses in the mini database: the animal (hyponyms puppy, corgi) and the frump (hypernym person).
        var gallery = Vocabulary("puppy", "corgi", "person");
        var keepBest = new VocabularyExpansionOptions { EntriesPerTerm = 0, SenseKeepRatio = 1f };

        var best = Expander(gallery, keepBest).Candidates("dog");
        var both = Expander(gallery, keepBest with { SenseKeepRatio = 0f }).Candidates("dog");

        Assert.Equal(["corgi", "puppy"], best.Select(c => c.Text).Order());
        Assert.Contains(both, c => c.Text == "person" && c.Sense == 2);
    }

    [Fact]
    public void A_lemma_the_gallery_uses_inflected_is_replaced_by_the_gallery_form()
    {
        var candidates = Expander(Vocabulary("puppies"), wordNet: ExpansionFixtures.InstalledWordNet).Candidates("dog");

        Assert.Contains(candidates, c => c.Text == "puppies");
    }

    [Fact]
    public void A_candidate_word_brings_the_shortest_labels_containing_it()
    {
        var options = new VocabularyExpansionOptions { EntriesPerTerm = 1, EntryWeight = 0.5f, HyponymWeight = 0.8f };
        var candidates = Expander(Vocabulary("wolf", "grey wolf howling", "wolf face"), options).Candidates("canine");

        Assert.Equal([("wolf", 0.8f), ("wolf face", 0.4f)], candidates.Select(c => (c.Text, c.Weight)));
        Assert.EndsWith("entry", candidates[1].Source);
    }

    [Fact]
    public void Several_unknown_words_combine_by_the_product_of_their_weights()
    {
        var options = new VocabularyExpansionOptions { EntriesPerTerm = 0, HyponymWeight = 0.8f, HypernymWeight = 0.5f, StepDecay = 0.5f };
        var plan = Expander(Vocabulary("wolf", "car", "puppy"), options).Plan("canine automobile");

        var terms = plan.Terms(0.25f, 12);

        Assert.Equal(("canine automobile", 0.25f), (terms[0].Text, terms[0].Weight));
        // automobile -> car is a synonym (weight 1); canine -> wolf 0.8, puppy 0.4.
        Assert.Equal([("wolf car", 0.8f), ("puppy car", 0.4f)], terms.Skip(1).Select(t => (t.Text, t.Weight)));
        Assert.Contains("canine -> wolf: hyponym:1, sense 1", terms[1].Source);
        Assert.Equal(2, plan.Terms(0.25f, 2).Count);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("?!", "no words")]
    [InlineData("the of and", "only stopwords")]
    public void Empty_and_wordless_queries_are_plans_with_a_note(string query, string note)
    {
        var plan = Expander(Vocabulary("dog")).Plan(query);

        Assert.Empty(plan.Unknown);
        Assert.Contains(plan.Notes, n => n.Contains(note));
    }

    [Fact]
    public void Foreign_and_long_queries_never_throw()
    {
        var expander = Expander(Vocabulary("dog"), wordNet: ExpansionFixtures.InstalledWordNet);

        var foreign = expander.Plan("собака 犬 perro");
        var longQuery = expander.Plan(string.Join(' ', Enumerable.Repeat("dog canine", 400)));

        Assert.Equal(3, foreign.Unknown.Count);
        Assert.All(foreign.Unknown, u => Assert.Empty(u.Candidates));
        Assert.Contains(longQuery.Notes, n => n.Contains("the query is long (800 words)"));
        Assert.Contains(longQuery.Notes, n => n.Contains("only the first 4 were expanded"));
        Assert.Equal(4, longQuery.Unknown.Count);
    }

    [Fact]
    public void Canine_means_the_animal_in_a_gallery_of_animals()
    {
        var gallery = Vocabulary("dog", "wolf", "fox", "cat", "tooth");

        var candidates = Expander(gallery, new VocabularyExpansionOptions { EntriesPerTerm = 0, SenseKeepRatio = 1f }, ExpansionFixtures.InstalledWordNet).Candidates("canine");

        Assert.Equal(["dog", "fox", "wolf"], candidates.Select(c => c.Text).Take(3).Order());
        Assert.DoesNotContain(candidates, c => c.Text == "tooth");
    }

    [Fact]
    public void Pooch_is_a_dog_before_it_is_pursed_lips()
    {
        var gallery = Vocabulary("dog", "purse", "lips", "kiss", "round");

        var candidates = Expander(gallery, wordNet: ExpansionFixtures.InstalledWordNet).Candidates("pooch");

        Assert.Equal("dog", candidates[0].Text);
    }
}
