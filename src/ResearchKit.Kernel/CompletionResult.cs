namespace ResearchKit.Kernel;

/// <summary>An interpreter's completion answer, with the replaced range in UTF-16 units (the core converts to code points).</summary>
public sealed record CompletionResult(IReadOnlyList<string> Matches, int StartUtf16, int EndUtf16);
