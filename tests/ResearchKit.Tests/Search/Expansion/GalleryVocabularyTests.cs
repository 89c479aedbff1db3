using ResearchKit.Datasets;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

/// <summary>The words and entries a gallery's metadata uses, and what counts as known.</summary>
public sealed class GalleryVocabularyTests
{
    private static DatasetItem Item(string id, string label, params string[] tags) =>
        new(id, id + ".png", label, [label], tags, new Dictionary<string, string>());

    private static readonly GalleryVocabulary Gallery = GalleryVocabulary.FromItems(
    [
        Item("a", "Guide Dog", "dogs", "pet"),
        Item("b", "dog", "animal"),
        Item("c", "hot dog", "food"),
        Item("d", "magnifying glass", "tool"),
    ]);

    [Fact]
    public void Entries_and_words_are_lower_case_with_single_spaces()
    {
        Assert.Contains("guide dog", Gallery.Entries);
        Assert.True(Gallery.HasEntry("  GUIDE   dog "));
        Assert.True(Gallery.HasWord("Dog"));
        Assert.False(Gallery.HasWord("guide dog"));
        Assert.True(Gallery.HasAllWords("dog food"));
        Assert.False(Gallery.HasAllWords("dog bone"));
        Assert.Equal(4, Gallery.Items);
    }

    [Fact]
    public void Items_with_a_word_count_each_item_once()
    {
        // "dog" is in a's label, b's label and c's label; "dogs" only in a's tags.
        Assert.Equal(3, Gallery.ItemsWith("dog"));
        Assert.Equal(1, Gallery.ItemsWith("dogs"));
        Assert.Equal(0, Gallery.ItemsWith("cat"));
    }

    [Fact]
    public void Entries_with_a_word_come_shortest_first()
    {
        Assert.Equal(["dog", "hot dog", "guide dog"], Gallery.EntriesWith("DOG"));
        Assert.Empty(Gallery.EntriesWith("cat"));
    }

    [Fact]
    public void Known_words_include_plurals_base_forms_and_numbers()
    {
        var wordNet = ExpansionFixtures.InstalledWordNet;

        Assert.True(Gallery.Knows("dog"));
        Assert.True(Gallery.Knows("tools", wordNet));   // base form "tool" is a gallery word
        Assert.True(Gallery.Knows("pet"));
        Assert.True(Gallery.Knows("1984"));
        Assert.False(Gallery.Knows("canine", wordNet));
        Assert.False(Gallery.Knows("tools"));            // without WordNet, no base forms
    }

    [Fact]
    public void Inflections_map_a_lemma_to_the_forms_the_gallery_uses()
    {
        Assert.Equal(["magnifying"], Gallery.InflectionsOf("magnify", ExpansionFixtures.InstalledWordNet));
        Assert.Empty(Gallery.InflectionsOf("dog", ExpansionFixtures.InstalledWordNet));
    }
}
