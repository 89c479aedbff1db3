namespace ResearchKit.Search.Expansion;

/// <summary>
/// A prompt ensemble: templates with a "{}" placeholder that turn one term into several prompts, whose text
/// embeddings are averaged so the query vector depends less on any single phrasing.
/// </summary>
public sealed class PromptTemplates
{
    /// <summary>The placeholder a template's term is written into.</summary>
    public const string Placeholder = "{}";

    private const string InMemory = "prompt templates";

    /// <summary>Builds an ensemble from <paramref name="templates"/>, kept in order without duplicates.</summary>
    /// <exception cref="PromptTemplateException">The list is empty or a template lacks "{}".</exception>
    public PromptTemplates(IEnumerable<string> templates) : this(templates, InMemory) { }

    private PromptTemplates(IEnumerable<string> templates, string source)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var list = templates.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
            throw new PromptTemplateException(source, "no templates given. Supply at least one, e.g. \"a photo of {}.\" or just \"{}\".");
        foreach (var template in list)
        {
            if (template is null || !template.Contains(Placeholder, StringComparison.Ordinal))
                throw new PromptTemplateException(source,
                    $"template \"{template}\" has no \"{Placeholder}\" for the search term. Write it like \"a photo of {Placeholder}.\"");
        }
        Templates = list;
    }

    /// <summary>Photo and emoji phrasings for general image collections, plus the bare term.</summary>
    public static PromptTemplates Default { get; } = new(
    [
        "a photo of the {}.",
        "a close-up photo of the {}.",
        "a picture showing {}.",
        "an image of {}.",
        "a {} emoji.",
        "{}",
    ]);

    /// <summary>Icon and emoji phrasings plus the bare term, for galleries of emoji, icons and pictograms.</summary>
    public static PromptTemplates Emoji { get; } = new(
    [
        "{}",
        "a {} emoji",
        "an emoji of {}",
        "{} icon",
        "emoji: {}",
    ]);

    /// <summary>The bare term only, for models or datasets where prompts do not help.</summary>
    public static PromptTemplates Plain { get; } = new(["{}"]);

    /// <summary>The templates, in order.</summary>
    public IReadOnlyList<string> Templates { get; }

    /// <summary>Reads one template per line from a UTF-8 text file; blank lines and lines starting with '#' are skipped.</summary>
    /// <exception cref="PromptTemplateException">The file is missing, empty, or has a line without "{}".</exception>
    public static PromptTemplates FromFile(string path)
    {
        if (!File.Exists(path))
            throw new PromptTemplateException(path, "prompt template file not found. Check the path, or use the built-in PromptTemplates.Default.");
        var lines = File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
        return new PromptTemplates(lines, path);
    }

    /// <summary>The prompts for <paramref name="term"/>: every template with each "{}" replaced by it.</summary>
    public IReadOnlyList<string> Apply(string term) =>
        Templates.Select(t => t.Replace(Placeholder, term, StringComparison.Ordinal)).ToList();
}
