namespace ResearchKit.Cli.Demo;

/// <summary>A model the demo uses: its space name and its directory.</summary>
public sealed record DemoModel(string Name, string Directory);
