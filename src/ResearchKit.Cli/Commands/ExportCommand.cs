using System.CommandLine;
using ResearchKit.Embeddings;

namespace ResearchKit.Cli.Commands;

/// <summary>
/// <c>researchkit export DATASET --space S --out FILE.parquet</c> (one file), <c>... --format parquet --out DIR</c> (one file
/// per store part, i.e. per shard) and <c>researchkit import DATASET FILE.parquet|DIR</c>.
/// </summary>
public static class ExportCommand
{
    public static Command CreateExport(CliConsole console)
    {
        var dataset = new DatasetArguments();
        var space = new Option<string>("--space", "-s") { Description = "Space to export.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "A FILE.parquet (the whole space in one file) or a folder (one SPACE-PART.parquet per shard part); files are replaced atomically.", Required = true };
        var format = new Option<string>("--format") { Description = "Output format; parquet is the one there is.", DefaultValueFactory = _ => "parquet" };
        var command = new Command("export", "Export a space's embeddings with the item metadata as Parquet (pandas, DuckDB and Spark read it).");
        dataset.AddTo(command);
        command.Options.Add(space);
        command.Options.Add(output);
        command.Options.Add(format);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            if (!string.Equals(parse.GetValue(format), "parquet", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"--format {parse.GetValue(format)} is not supported; use parquet.");
            var store = EmbeddingStore.For(dataset.Open(parse));
            var target = parse.GetValue(output)!;
            if (target.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            {
                var rows = await ParquetExchange.ExportAsync(store, parse.GetValue(space)!, target, ct);
                console.Out.WriteLine($"wrote {rows} rows to {target}");
                return 0;
            }
            foreach (var (file, count) in await ParquetExchange.ExportPartsAsync(store, parse.GetValue(space)!, target, ct))
                console.Out.WriteLine($"wrote {count} rows to {file}");
            return 0;
        }));
        return command;
    }

    public static Command CreateImport(CliConsole console)
    {
        var dataset = new DatasetArguments();
        var file = new Argument<string>("file") { Description = "Parquet file with id and embedding columns (as 'researchkit export' writes), or a folder of them (one space's parts)." };
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
