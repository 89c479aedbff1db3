using ResearchKit.Datasets;
using ResearchKit.Search.Expansion;
using ResearchKit.Tests.Search.Expansion;
using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

/// <summary>Expansion queries generated from a training split's metadata: what each kind is, relevance, determinism.</summary>
public sealed class ExpansionQueryGeneratorTests
{
    private static DatasetItem Item(string id, string label, params string[] tags) =>
        new(id, id + ".png", label, [label], tags, new Dictionary<string, string>());

    private static readonly DatasetItem[] Training =
    [
        Item("noto/dog", "dog", "animal", "pet", "dogs"),
        Item("fluent/dog", "dog", "animal", "pet", "dogs"),
        Item("noto/wolf", "wolf face", "animal", "face", "wild"),
        Item("noto/fox", "fox", "animal", "face", "sly"),
        Item("noto/clock", "alarm clock", "alarm", "clock", "morning", "wake"),
        Item("noto/grin", "grinning face", "cheerful", "face", "happy", "smile", "teeth"),
        Item("noto/apple", "red apple", "fruit", "red", "food"),
    ];

    private static readonly GalleryVocabulary Vocabulary = GalleryVocabulary.FromItems(Training);

    private static IReadOnlyList<ExpansionQuery> Generate(int seed = 1) =>
        ExpansionQueryGenerator.Generate(Training, ExpansionFixtures.InstalledWordNet, 50, ExpansionFixtures.InstalledEnglish.Contains, seed);

    [Fact]
    public void Out_of_vocabulary_queries_use_no_gallery_word_and_mean_their_label_words()
    {
        var queries = Generate();

        var canine = Assert.Single(queries, q => q.Text == "canine");
        Assert.Equal(ExpansionQueryKind.Hypernym, canine.Kind);
        Assert.Equal(["dog", "fox", "wolf"], canine.Intent.Select(a => Assert.Single(a)).Order());
        Assert.All(queries.Where(q => q.IsOutOfVocabulary), q =>
            Assert.All(QueryText.Words(q.Text), w => Assert.False(Vocabulary.Knows(w, ExpansionFixtures.InstalledWordNet), $"'{q.Text}' uses the gallery word '{w}'")));
        Assert.Contains(queries, q => q.Kind == ExpansionQueryKind.Synonym);
    }

    [Fact]
    public void Phrases_are_two_tags_of_one_item_outside_its_label()
    {
        var phrases = Generate().Where(q => q.Kind == ExpansionQueryKind.Phrase).ToList();

        Assert.NotEmpty(phrases);
        Assert.All(phrases, p =>
        {
            var words = Assert.Single(p.Intent);
            Assert.Equal(2, words.Count);
            Assert.Equal(string.Join(' ', words), p.Text);
            Assert.Contains(Training, i => words.All(i.Tags.Contains) && !words.Any(w => i.Labels[0].Split(' ').Contains(w)));
        });
    }

    [Fact]
    public void Misspellings_change_one_label_word_into_a_non_word()
    {
        var misspelled = Generate().Where(q => q.Kind == ExpansionQueryKind.Misspelling).ToList();

        Assert.NotEmpty(misspelled);
        Assert.All(misspelled, q =>
        {
            var label = q.Origin[..q.Origin.IndexOf(" (", StringComparison.Ordinal)];
            var typed = q.Text.Split(' ');
            var intended = label.Split(' ');
            Assert.Equal(intended.Length, typed.Length);
            var changed = Assert.Single(typed.Zip(intended), p => p.First != p.Second);
            Assert.False(Vocabulary.HasWord(changed.First));
            Assert.False(ExpansionFixtures.InstalledEnglish.Contains(changed.First));
            Assert.InRange(EditDistance.Bounded(changed.First, changed.Second, 3), 1, 2);
        });
    }

    [Fact]
    public void Relevance_is_by_metadata_words_in_any_gallery()
    {
        var canine = Generate().Single(q => q.Text == "canine");
        var heldOut = new[] { Item("twemoji/dog", "dog", "pet"), Item("twemoji/cat", "cat", "pet"), Item("twemoji/hotdog", "hot dog", "food") };

        var relevant = canine.Relevance(ExpansionQuery.WordsOf(heldOut));

        Assert.Equal(["twemoji/dog", "twemoji/hotdog"], relevant.Keys.Order());
    }

    [Fact]
    public void The_same_metadata_and_seed_give_the_same_queries()
    {
        Assert.Equal(Generate().Select(q => (q.Text, q.Kind)), Generate().Select(q => (q.Text, q.Kind)));
        Assert.True(Generate(seed: 2).Where(q => !q.IsOutOfVocabulary).Select(q => q.Text).Count() > 0);
    }
}
