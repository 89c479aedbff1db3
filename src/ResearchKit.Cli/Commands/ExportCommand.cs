using System.CommandLine;
using ResearchKit.Embeddings;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit export DATASET --space S --out FILE.parquet</c> and <c>researchkit import DATASET FILE.parquet</c>.</summary>
public static class ExportCommand
{
    public static Command CreateExport(CliConsole console)
    {
        var dataset = new DatasetArguments();
        var space = new Option<string>("--space", "-s") { Description = "Space to export.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Parquet file to write (replaced atomically).", Required = true };
        var command = new Command("export", "Export a space's embeddings with the item metadata as Parquet (pandas, DuckDB and Spark read it).");
        dataset.AddTo(command);
        command.Options.Add(space);
        command.Options.Add(output);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var store = EmbeddingStore.For(dataset.Open(parse));
            var rows = await ParquetExchange.ExportAsync(store, parse.GetValue(space)!, parse.GetValue(output)!, ct);
            console.Out.WriteLine($"wrote {rows} rows to {parse.GetValue(output)}");
            return 0;
        }));
        return command;
    }

    public static Command CreateImport(CliConsole console)
    {
        var dataset = new DatasetArguments();
        var file = new Argument<string>("file") { Description = "Parquet file with id and embedding columns (as 'researchkit export' writes)." };
        var space = new Option<string?>("--space", "-s") { Description = "Space to create or replace (default: the name stored in the file)." };
        var command = new Command("import", "Import embeddings from Parquet into a dataset's store as a space.");
        dataset.AddTo(command);
        command.Arguments.Add(file);
        command.Options.Add(space);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var store = EmbeddingStore.Open(dataset.Open(parse).StoreDirectory, create: true);
            var identity = await ParquetExchange.ImportAsync(parse.GetValue(file)!, store, parse.GetValue(space), ct);
            console.Out.WriteLine($"imported space '{identity.Space}' ({identity.Dimension} dimensions, model {identity.Model})");
            return 0;
        }));
        return command;
    }
}
