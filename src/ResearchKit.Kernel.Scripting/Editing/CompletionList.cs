namespace ResearchKit.Kernel.Scripting.Editing;

/// <summary>Completion candidates and the UTF-16 range of the text they replace.</summary>
public sealed record CompletionList(IReadOnlyList<string> Matches, int Start, int End);
