namespace ResearchKit.Kernel.Scripting;

/// <summary>Settings of a <see cref="CSharpEvaluator"/>.</summary>
public sealed record EvaluatorOptions
{
    /// <summary>Folder that relative <c>#r</c> and <c>#load</c> paths start from (the notebook's folder).</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Stream characters one cell may write before the rest is dropped with a note.</summary>
    public long MaxOutputChars { get; init; } = 1_000_000;

    /// <summary>How long an interrupted cell may take to reach an interrupt check before the evaluator gives up waiting.</summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Where <c>#r "nuget: …"</c> packages are restored and cached.</summary>
    public string PackageCacheDirectory { get; init; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "researchkit", "nuget-scripts");

    /// <summary>A nuget.config for <c>#r "nuget: …"</c> restores; null uses the machine's NuGet configuration.</summary>
    public string? NuGetConfigFile { get; init; }

    /// <summary>Namespaces imported in every cell.</summary>
    public IReadOnlyList<string> Imports { get; init; } =
    [
        "System", "System.IO", "System.Linq", "System.Text", "System.Collections.Generic", "System.Threading", "System.Threading.Tasks",
        "ResearchKit", "ResearchKit.Datasets", "ResearchKit.Deployment", "ResearchKit.Embeddings", "ResearchKit.Imaging",
        "ResearchKit.Models", "ResearchKit.Search", "ResearchKit.Tuning", "ResearchKit.Kernel.Scripting", "ResearchKit.Kernel.Scripting.Display",
    ];
}
