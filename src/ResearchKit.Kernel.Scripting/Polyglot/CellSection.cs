namespace ResearchKit.Kernel.Scripting.Polyglot;

/// <summary>
/// One part of a cell in one language. C# code keeps its line numbers (directive and magic lines become blank lines), so
/// compile errors point at the line the user wrote.
/// </summary>
/// <param name="Language">One of <see cref="CellLanguages"/>' supported names.</param>
/// <param name="Code">The section's text (for C#: without its directives).</param>
/// <param name="Packages"><c>#r "nuget: …"</c> packages of a C# section.</param>
/// <param name="Sources"><c>#i "nuget: SOURCE"</c> package sources of a C# section.</param>
/// <param name="Magics">Magic commands of a C# section (<c>time</c>, <c>about</c>, <c>lsmagic</c>, <c>who</c>, <c>whos</c>).</param>
public sealed record CellSection(
    string Language,
    string Code,
    IReadOnlyList<References.NuGetPackageSpec> Packages,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Magics)
{
    /// <summary>True when the C# code is only whitespace and comments-free blank lines.</summary>
    public bool HasCode => Code.Trim().Length > 0;
}
