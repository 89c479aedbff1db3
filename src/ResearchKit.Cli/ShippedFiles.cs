using ResearchKit.Models;
using ResearchKit.Models.Hub;

namespace ResearchKit.Cli;

/// <summary>
/// The files that travel with the tool and are found next to its assembly, in a build output and in an installed
/// tool alike: the model registry, the embedded emoji models and the emoji test collection's preparation scripts. Only
/// the CLI knows this layout; the core is handed the paths.
/// </summary>
public sealed class ShippedFiles(string root)
{
    /// <summary>Environment variable naming a registry file to use instead of the shipped one.</summary>
    public const string RegistryVariable = "RESEARCHKIT_REGISTRY";

    /// <summary>The files beside the running tool.</summary>
    public static ShippedFiles Tool { get; } = new(AppContext.BaseDirectory);

    /// <summary>The folder that holds them (the tool's own folder).</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The registry to read: <c>$RESEARCHKIT_REGISTRY</c> when set, else <c>registry.json</c> beside the tool.</summary>
    public string RegistryPath =>
        Environment.GetEnvironmentVariable(RegistryVariable) is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(Root, ModelRegistry.FileName);

    /// <summary>The folder of embedded models (siglip-emoji, dinov2-emoji, eva02-clip-emoji), named like their registry entries.</summary>
    public string EmbeddedModels => Path.Combine(Root, "models", "emoji");

    /// <summary>The script that prepares the emoji test collection (it calls prepare.py and the Debian installer shipped with it).</summary>
    public string EmojiPrepareScript => Path.Combine(Root, "data", "emoji", "prepare.sh");

    /// <summary>The open_clip conversion recipe (and the modules it imports) that `models convert` runs.</summary>
    public string ConversionRecipe => Path.Combine(Root, "recipes", "convert_open_clip.py");

    /// <summary>Reads <see cref="RegistryPath"/>, or <paramref name="path"/> when given.</summary>
    /// <exception cref="ModelRegistryException">The file is missing or malformed.</exception>
    public ModelRegistry LoadRegistry(string? path = null) => ModelRegistry.Load(path ?? RegistryPath);

    /// <summary>
    /// A model directory as given, else a registry name (looked up in <paramref name="registryPath"/> or the shipped
    /// registry) resolved to an embedded model or a pulled snapshot, with its entry and variant.
    /// </summary>
    /// <exception cref="ModelNotFoundException">Neither a directory nor a usable registry name.</exception>
    public LocatedModel LocateModel(string nameOrDirectory, string? registryPath = null, string? cacheDirectory = null, string? variant = null) =>
        // A directory needs no registry, so a missing or broken registry cannot get in its way.
        Directory.Exists(nameOrDirectory)
            ? new LocatedModel(nameOrDirectory, null, null)
            : ModelLocator.Locate(nameOrDirectory, LoadRegistry(registryPath), cacheDirectory, variant, EmbeddedModels);
}
