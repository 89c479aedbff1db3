using ResearchKit.Embeddings;
using ResearchKit.Embeddings.Storage;
using ResearchKit.Evaluation;
using ResearchKit.Deployment;
using ResearchKit.Models;
using ResearchKit.Models.Hub;
using ResearchKit.Search;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Cli.Commands;

/// <summary>
/// What to type next, for the typed errors the core raises. Core messages say what is wrong with a value and never
/// name flags or commands (they also reach the service's HTTP clients); this table maps each error, by type and
/// field, to the flags and commands of this tool. The first entry whose type matches and whose hint is not null wins.
/// </summary>
public static class ErrorHints
{
    private sealed record Entry(Type Type, Func<Exception, string?> Hint);

    private static Entry On<T>(Func<T, string?> hint) where T : Exception => new(typeof(T), e => hint((T)e));

    private static readonly Entry[] Table =
    [
        On<ExecutionProviderUnavailableException>(e => e.StartFailure is null
            ? "run with --provider cpu (the default), or for --provider cuda use the CUDA build of the tool (built with -p:OnnxRuntimeFlavor=cuda; see docs/cli.md)."
            : "check `nvidia-smi`, and that `ldconfig -p` lists libcublas.so.13 and libcudnn.so.9 (or add their folders to LD_LIBRARY_PATH); --provider cpu runs without a GPU."),
        On<ModelLoadException>(e => e.NeedsConversion ? $"`researchkit models convert {e.Path}` (or the model's registry name) writes the ONNX towers once; it needs Python 3 with torch." : null),
        On<ModelLoadException>(e => e.Variant is not null ? "leave out --variant to use the fp32 file, or choose a variant the model directory has." : null),
        On<ModelLoadException>(e => e.Space is not null ? $"restore that folder, or re-index the dataset with `researchkit index DATASET --model {e.Space}=MODEL`." : null),
        On<ModelLoadException>(_ => "--model takes a model directory or a registry name (`researchkit models list`); `researchkit models verify NAME` checks a pulled model's files and `researchkit models pull NAME` downloads any that are wrong again."),
        On<UnknownModelException>(_ => "`researchkit models list` shows every registry name with its details."),
        On<UnknownVariantException>(_ => "--variant names one of the model's variants (`researchkit models list` shows them); leave it out for the fp32 graphs."),
        On<ModelNotFoundException>(e => e.Pullable
            ? $"`researchkit models pull {e.Name}{(e.Variant is null ? "" : $" --variant {e.Variant}")}` downloads it; `researchkit models list` shows which models are pulled."
            : "--model takes the model's directory: this registry entry cannot be downloaded."),
        On<ModelRegistryException>(_ => $"the tool ships registry.json beside itself: reinstall the tool, or name a registry file with --registry FILE or {ShippedFiles.RegistryVariable}=FILE."),
        On<ModelDownloadException>(_ => "`researchkit models pull NAME` resumes an interrupted download; --endpoint URL (or HF_ENDPOINT) picks a hub mirror."),
        On<StoreNotFoundException>(_ => "`researchkit index DATASET --model MODEL` builds the store (in DATASET/.researchkit, or in the folder --store names)."),
        On<UnknownSpaceException>(_ => "`researchkit index DATASET --model SPACE=MODEL` adds a space; --space picks one that exists."),
        On<ArgumentException>(e => e.ParamName == "space" ? "--space NAME picks the space to search." : null),
        On<UnknownItemException>(_ => "`researchkit search DATASET \"QUERY\" --json` prints item ids."),
        On<ModelMismatchException>(e => $"`researchkit index DATASET --model {e.Space}=MODEL` re-indexes the space with the model you have."),
        On<StoreVersionException>(_ => "`dotnet tool update researchkit` (with --global or --tool-path DIR, as installed) upgrades the tool; or index into a fresh store with --store DIR."),
        On<StoreCorruptException>(_ => "after deleting the space's folder, `researchkit index DATASET --model SPACE=MODEL` rebuilds it."),
        On<SearchConfigException>(e => File.Exists(e.Path) ? null : "`researchkit export-config DATASET --out FILE.json` writes a config from a tuned dataset."),
        On<TestCollectionException>(_ => $"`researchkit demo` prepares the emoji test collection (data/emoji/prepared in a clone, else {DemoCommand.UserDataDirectory()}); pass the folder that holds queries/."),
        On<LexiconNotFoundException>(_ => "in a clone of ResearchKit, scripts/install-lexicons.sh installs both (as root)."),
        On<LexiconFormatException>(_ => "in a clone of ResearchKit, scripts/install-lexicons.sh reinstalls both (as root)."),
    ];

    /// <summary>The hint for <paramref name="error"/>, or null when the message says all there is to say.</summary>
    public static string? For(Exception error) =>
        Table.Where(entry => entry.Type.IsInstanceOfType(error)).Select(entry => entry.Hint(error)).FirstOrDefault(hint => hint is not null);
}
