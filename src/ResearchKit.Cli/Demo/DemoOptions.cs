namespace ResearchKit.Cli.Demo;

/// <summary>Where the demo reads and writes, and which models it runs.</summary>
public sealed record DemoOptions
{
    /// <summary>The script that prepares the emoji test collection (data/emoji/prepare.sh of the checkout or of the tool).</summary>
    public required string PrepareScript { get; init; }

    /// <summary>The prepared emoji test collection (data/emoji/prepared by default).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Where the report, judgments and config go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The models, in report order.</summary>
    public required IReadOnlyList<DemoModel> Models { get; init; }

    /// <summary>Run data/emoji/prepare.sh first (it returns at once when the data is current).</summary>
    public bool Prepare { get; init; } = true;

    /// <summary>A note for the report (e.g. that fixture models stand in for the trained ones).</summary>
    public string? Note { get; init; }
}
