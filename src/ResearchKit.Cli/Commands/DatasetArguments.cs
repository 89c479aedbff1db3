using System.CommandLine;
using ResearchKit.Datasets;

namespace ResearchKit.Cli.Commands;

/// <summary>The dataset argument and the options that say where its metadata and store are.</summary>
public sealed class DatasetArguments
{
    public Argument<string> Dataset { get; } = new("dataset") { Description = "Dataset folder: images (searched recursively) plus optional metadata.csv / metadata.jsonl." };

    public Option<string?> Metadata { get; } = new("--metadata") { Description = "Metadata file (CSV or JSON lines) when it is not metadata.csv/.jsonl in the dataset folder." };

    public Option<string?> Store { get; } = new("--store") { Description = "Store folder when it is not DATASET/.researchkit (e.g. for a read-only dataset)." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Dataset);
        command.Options.Add(Metadata);
        command.Options.Add(Store);
    }

    public Dataset Open(ParseResult parse) =>
        Datasets.Dataset.Open(parse.GetValue(Dataset)!, new DatasetOptions { MetadataPath = parse.GetValue(Metadata), StoreDirectory = parse.GetValue(Store) });
}
