using System.CommandLine;
using ResearchKit.Embeddings;
using ResearchKit.Tuning;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit judgments generate|import|export DATASET ...</c>: the dataset's judgments database as files.</summary>
public static class JudgmentsCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("judgments", "Generate, import or export relevance labels and triplets (the database the tune commands read).");
        command.Subcommands.Add(Generate(console));
        command.Subcommands.Add(Transfer(console, "import"));
        command.Subcommands.Add(Transfer(console, "export"));
        return command;
    }

    private static Command Generate(CliConsole console)
    {
        var dataset = new DatasetArguments();
        var triplets = new Option<int>("--triplets") { Description = "Synthetic triplets to add (from shared tags).", DefaultValueFactory = _ => 500 };
        var queries = new Option<int>("--queries") { Description = "Synthetic label queries to add (relevance by label/tag).", DefaultValueFactory = _ => 40 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var command = new Command("generate", "Add synthetic judgments made from the dataset's labels and tags (for demos and tests).");
        dataset.AddTo(command);
        command.Options.Add(triplets);
        command.Options.Add(queries);
        command.Options.Add(seed);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            var data = dataset.Open(parse);
            var items = data.Items;
            var t = SyntheticJudgments.Triplets(items, parse.GetValue(triplets), parse.GetValue(seed));
            var r = SyntheticJudgments.Relevance(items, parse.GetValue(queries), seed: parse.GetValue(seed));
            using var store = JudgmentStore.ForStore(EmbeddingStore.For(data, create: true).Directory);
            store.AddRange(t, r);
            console.Out.WriteLine($"added {t.Count} triplets and {r.Count} relevance judgments to {store.Path}");
            return 0;
        }));
        return command;
    }

    private static Command Transfer(CliConsole console, string direction)
    {
        var dataset = new DatasetArguments();
        var file = new Argument<string>("file") { Description = "CSV (.csv) or JSON lines file." };
        var kind = new Option<string>("--kind") { Description = "triplets or relevance.", DefaultValueFactory = _ => "triplets" };
        var command = new Command(direction, direction == "import" ? "Add judgments from a CSV or JSON lines file." : "Write the judgments to a CSV or JSON lines file.");
        dataset.AddTo(command);
        command.Arguments.Add(file);
        command.Options.Add(kind);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            var path = parse.GetValue(file)!;
            var triplets = parse.GetValue(kind) switch
            {
                "triplets" => true,
                "relevance" => false,
                var other => throw new ArgumentException($"--kind '{other}' is not triplets or relevance."),
            };
            using var store = JudgmentStore.ForStore(EmbeddingStore.For(dataset.Open(parse), create: true).Directory);
            try
            {
                if (direction == "export")
                {
                    if (triplets) JudgmentFiles.WriteTriplets(path, store.Triplets()); else JudgmentFiles.WriteRelevance(path, store.Relevance());
                    console.Out.WriteLine($"wrote {(triplets ? store.Triplets().Count : store.Relevance().Count)} judgments to {path}");
                }
                else if (triplets)
                {
                    var read = JudgmentFiles.ReadTriplets(path);
                    store.AddRange(read);
                    console.Out.WriteLine($"imported {read.Count} triplets");
                }
                else
                {
                    var read = JudgmentFiles.ReadRelevance(path);
                    store.AddRange([], read);
                    console.Out.WriteLine($"imported {read.Count} relevance judgments");
                }
            }
            catch (FormatException e)
            {
                console.Error.WriteLine($"error: {e.Message}");
                return CommandGuard.UserError;
            }
            return 0;
        }));
        return command;
    }
}
