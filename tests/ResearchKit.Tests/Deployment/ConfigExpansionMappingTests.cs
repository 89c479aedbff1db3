using System.Reflection;
using ResearchKit.Deployment;
using ResearchKit.Search;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Deployment;

/// <summary>
/// The exported expansion section is written field by field from <see cref="VocabularyExpansionOptions"/> and read
/// back the same way: every one of its settings, each set away from its default, must come back unchanged, so a
/// field added to the options but not to the mapping (or mapped to the wrong field) fails here.
/// </summary>
public sealed class ConfigExpansionMappingTests
{
    [Fact]
    public void Every_vocabulary_setting_survives_the_export_and_the_load()
    {
        var settable = typeof(VocabularyExpansionOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite).ToList();
        var options = new VocabularyExpansionOptions();
        var defaults = new VocabularyExpansionOptions();
        for (var i = 0; i < settable.Count; i++)
        {
            var property = settable[i];
            // Distinct values per field, so two fields swapped in the mapping differ too.
            object value = property.PropertyType switch
            {
                var t when t == typeof(float) => (float)property.GetValue(defaults)! + 0.01f * (i + 1),
                var t when t == typeof(int) => (int)property.GetValue(defaults)! + i + 1,
                var t when t == typeof(ExpansionSources) => ExpansionSources.WordNet,
                var t => throw new InvalidOperationException($"{property.Name}: add a value for {t.Name} to this test"),
            };
            property.SetValue(options, value);
        }
        Assert.True(settable.Count >= 20, $"only {settable.Count} settings found");
        Assert.All(settable, p => Assert.NotEqual(p.GetValue(defaults), p.GetValue(options)));

        var back = SearchConfigMapping.ToSettings(SearchConfigMapping.ToConfig(new QueryExpansionSettings { Terms = options })).Terms;

        Assert.All(settable, p => Assert.Equal(p.GetValue(options), p.GetValue(back)));
    }
}
