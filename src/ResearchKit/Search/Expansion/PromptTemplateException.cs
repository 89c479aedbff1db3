namespace ResearchKit.Search.Expansion;

/// <summary>A prompt template list is empty or has a template without the "{}" placeholder.</summary>
public sealed class PromptTemplateException : ResearchKitException
{
    public PromptTemplateException(string source, string problem)
        : base($"{source}: {problem}")
    {
        Origin = source;
    }

    /// <summary>Where the templates came from: a file path, or "prompt templates" for an in-memory list.</summary>
    public string Origin { get; }
}
