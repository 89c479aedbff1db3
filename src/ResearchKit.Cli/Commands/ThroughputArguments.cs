using System.CommandLine;
using System.Globalization;
using ResearchKit.Embeddings;

namespace ResearchKit.Cli.Commands;

/// <summary>
/// <c>--batch-size auto|N</c> and <c>--decode-workers auto|N</c>, shared by the embedding commands: <c>auto</c> (the
/// default) lets the run measure and choose (<see cref="ThroughputTuner"/>), a number fixes the value.
/// </summary>
public sealed class ThroughputArguments
{
    public Option<string> BatchSize { get; } = new("--batch-size")
    {
        Description = "Images per encoder call, or 'auto' to choose by measuring inference speed during the first batches.",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string> DecodeWorkers { get; } = new("--decode-workers")
    {
        Description = "Images decoded at once beside inference, or 'auto' to size them to the measured decode and inference rates.",
        DefaultValueFactory = _ => "auto",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(BatchSize);
        command.Options.Add(DecodeWorkers);
    }

    /// <summary>The batch size given, or null for auto.</summary>
    public int? Batch(ParseResult parse) => Parse("--batch-size", parse.GetValue(BatchSize));

    /// <summary>The worker count given, or null for auto.</summary>
    public int? Workers(ParseResult parse) => Parse("--decode-workers", parse.GetValue(DecodeWorkers));

    /// <summary>Prints the plan the way the commands log it: what was chosen and the measurements behind it.</summary>
    public static void Print(TextWriter writer, string space, ThroughputPlan plan) =>
        writer.WriteLine($"throughput {space}: {plan}");

    /// <summary>Reads <c>auto</c> (null) or a whole number of at least 1 given to <paramref name="option"/>.</summary>
    /// <exception cref="ArgumentException">Anything else, naming the option and the value.</exception>
    public static int? Parse(string option, string? text)
    {
        if (text is null || string.Equals(text.Trim(), "auto", StringComparison.OrdinalIgnoreCase)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) return n;
        throw new ArgumentException($"{option} takes 'auto' or a whole number of at least 1, got '{text}'.");
    }
}
