namespace ResearchKit.Kernel.Tests;

/// <summary>How tests start the built CLI as a separate process, the way a user runs it.</summary>
public static class DotNet
{
    /// <summary>The dotnet host running these tests (the muxer), else "dotnet" from PATH.</summary>
    public static string Host { get; } =
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>The CLI assembly copied beside the tests.</summary>
    public static string ResearchKit { get; } = Path.Combine(AppContext.BaseDirectory, "researchkit.dll");
}
