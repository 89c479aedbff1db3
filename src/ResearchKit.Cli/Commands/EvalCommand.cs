using System.CommandLine;
using System.Text.Json;
using ResearchKit.Embeddings;
using ResearchKit.Evaluation;

namespace ResearchKit.Cli.Commands;

/// <summary>
/// <c>researchkit eval DATASET --model NAME [--by FIELD] [--json]</c>: recall@k of a model on a test collection
/// (for the emoji set: label, tag and cross-set image queries on the held-out Twemoji split), optionally broken
/// down by a gallery metadata field (<c>--by set</c>: per drawing set).
/// </summary>
public static class EvalCommand
{
    /// <summary>The JSON form of a <see cref="RetrievalEvaluation"/> (snake_case), shared with the demo's evaluation.json.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var root = new Argument<string>("dataset") { Description = "Test collection root with split folders and queries/*.jsonl (e.g. data/emoji/prepared)." };
        var model = new ModelArguments();
        var k = new Option<int>("--k") { Description = "Cut-off of recall@k.", DefaultValueFactory = _ => 10 };
        var sets = new Option<string[]>("--set") { Description = "Query set to run (repeatable); default: every set not starting with train_." };
        var by = new Option<string?>("--by") { Description = "Also break each set's recall down by this gallery metadata field (emoji: 'set' gives recall per drawing set)." };
        var json = new Option<bool>("--json") { Description = "Print the scores as JSON." };
        var command = new Command("eval", "Measure recall@k of a model on a test collection's query sets.");
        command.Arguments.Add(root);
        model.AddTo(command);
        command.Options.Add(k);
        command.Options.Add(sets);
        command.Options.Add(by);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var collection = TestCollection.Open(parse.GetValue(root)!);
            using var loaded = model.Open(parse, warnings: console.Error);
            var chosen = parse.GetValue(sets) is { Length: > 0 } named ? named : null;
            var progress = new ImmediateProgress<string>(line => console.Error.WriteLine(line));
            var result = await collection.EvaluateAsync(loaded, parse.GetValue(k), chosen, progress, ct, by: parse.GetValue(by));
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(result, JsonOptions));
                return 0;
            }
            console.Out.WriteLine($"{result.Model} on {result.Collection} (recall@{result.K})");
            foreach (var s in result.Sets)
            {
                console.Out.WriteLine(s.Skipped is { } why
                    ? $"  {s.Name,-18} skipped: {why}"
                    : FormattableString.Invariant($"  {s.Name,-18} recall@{result.K} {s.RecallAtK:0.000}  hit@{result.K} {s.HitRateAtK:0.000}  ({s.Queries} queries{(s.Rejected > 0 ? $", {s.Rejected} rejected" : "")}, gallery {s.Gallery})"));
                var width = s.Breakdown is { Count: > 0 } groups ? groups.Max(g => g.Value.Length) : 0;
                foreach (var g in s.Breakdown ?? [])
                    console.Out.WriteLine(FormattableString.Invariant($"    {result.By}={g.Value.PadRight(width)}  recall@{result.K} {g.RecallAtK:0.000}  hit@{result.K} {g.HitRateAtK:0.000}  ({g.Queries} queries)"));
            }
            return 0;
        }));
        return command;
    }
}
