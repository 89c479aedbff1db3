using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResearchKit.Models.Hub;

/// <summary>
/// The models ResearchKit knows by name, read from a registry file the caller names (the CLI ships one
/// beside the <c>researchkit</c> tool).
/// </summary>
public sealed class ModelRegistry
{
    /// <summary>The registry's usual file name.</summary>
    public const string FileName = "registry.json";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private ModelRegistry(string path, IReadOnlyList<RegistryEntry> entries)
    {
        SourcePath = path;
        Entries = entries;
    }

    /// <summary>The file the registry was read from.</summary>
    public string SourcePath { get; }

    /// <summary>Every entry, in file order.</summary>
    public IReadOnlyList<RegistryEntry> Entries { get; }

    /// <summary>Every entry's name, in file order.</summary>
    public IReadOnlyList<string> Names => Entries.Select(e => e.Name).ToArray();

    /// <summary>Reads and validates a registry file.</summary>
    /// <exception cref="ModelRegistryException">The file is missing, not JSON, or an entry lacks a required field.</exception>
    public static ModelRegistry Load(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path)) throw new ModelRegistryException(path, "the file does not exist.");
        RegistryDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<RegistryDocument>(File.ReadAllBytes(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ModelRegistryException(path, $"not a valid registry ({e.Message}).", e);
        }
        if (document?.Models is null || document.Models.Count == 0)
            throw new ModelRegistryException(path, "no \"models\" array, or it is empty.");

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in document.Models)
        {
            Validate(path, entry);
            if (!seen.Add(entry.Name)) throw new ModelRegistryException(path, $"the name '{entry.Name}' appears twice.");
        }
        return new ModelRegistry(path, document.Models);
    }

    /// <summary>
    /// The entry called <paramref name="name"/>, compared case-insensitively; also accepts the entry's hub
    /// repository id, or the part after the slash when exactly one entry has it.
    /// </summary>
    /// <exception cref="UnknownModelException">No entry matches; the message lists the known names.</exception>
    public RegistryEntry Find(string name) =>
        TryFind(name) ?? throw new UnknownModelException(name, Names);

    /// <summary>Like <see cref="Find"/>, but null on a miss.</summary>
    public RegistryEntry? TryFind(string name)
    {
        name = name.Trim();
        var exact = Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? Entries.FirstOrDefault(e => string.Equals(e.Repo, name, StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        if (name.Contains('/')) return null;
        var bySuffix = Entries.Where(e => string.Equals(ShortName(e.Name), name, StringComparison.OrdinalIgnoreCase)).ToArray();
        return bySuffix.Length == 1 ? bySuffix[0] : null;
    }

    /// <summary>Serialises entries in the registry's JSON shape (used by <c>models list --json</c>).</summary>
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);

    private static string ShortName(string name) => name[(name.LastIndexOf('/') + 1)..];

    private static void Validate(string path, RegistryEntry entry)
    {
        string Where() => string.IsNullOrWhiteSpace(entry.Name) ? "an entry" : $"entry '{entry.Name}'";
        if (string.IsNullOrWhiteSpace(entry.Name)) throw new ModelRegistryException(path, "an entry has no name.");
        if (string.IsNullOrWhiteSpace(entry.Repo) || entry.Repo.Count(c => c == '/') != 1 || entry.Repo.StartsWith('/') || entry.Repo.EndsWith('/'))
            throw new ModelRegistryException(path, $"{Where()} needs a repo of the form org/name, not '{entry.Repo}'.");
        if (string.IsNullOrWhiteSpace(entry.Revision)) throw new ModelRegistryException(path, $"{Where()} has an empty revision.");
        if (entry.Files is null || entry.Files.Count == 0) throw new ModelRegistryException(path, $"{Where()} lists no files.");
        if (entry.EmbeddingDim <= 0) throw new ModelRegistryException(path, $"{Where()} needs a positive embeddingDim.");
        if (entry.ImageSize <= 0) throw new ModelRegistryException(path, $"{Where()} needs a positive imageSize.");
        foreach (var file in entry.Files) ValidateFile(path, Where(), file);
        var variants = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var variant in entry.Variants ?? [])
        {
            if (string.IsNullOrWhiteSpace(variant.Name) || !variants.Add(variant.Name))
                throw new ModelRegistryException(path, $"{Where()} has a variant with an empty or repeated name '{variant.Name}'.");
            if (variant.Files is null || variant.Files.Count == 0 || variant.Files.Any(f => !RegistryEntry.IsGraphFile(f.Path ?? "")))
                throw new ModelRegistryException(path, $"{Where()}: variant '{variant.Name}' must list its .onnx (and external data) files, and only those.");
            foreach (var file in variant.Files) ValidateFile(path, $"{Where()} variant '{variant.Name}'", file);
        }
        if (entry.Logits is { } logits && (!(logits.Scale > 0) || !double.IsFinite(logits.Bias)))
            throw new ModelRegistryException(path, $"{Where()} needs logits with a positive scale (already exponentiated) and a finite bias.");
    }

    private static void ValidateFile(string path, string where, RegistryFile file)
    {
        if (string.IsNullOrWhiteSpace(file.Path) || file.Path.StartsWith('/') || file.Path.Split('/').Any(p => p is "" or "." or ".."))
            throw new ModelRegistryException(path, $"{where} has a bad file path '{file.Path}'.");
        if (file.Size is < 0) throw new ModelRegistryException(path, $"{where}: '{file.Path}' has a negative size.");
        if (file.Sha256 is not null && (file.Sha256.Length != 64 || !file.Sha256.All(Uri.IsHexDigit)))
            throw new ModelRegistryException(path, $"{where}: '{file.Path}' has a sha256 that is not 64 hex digits.");
    }

    private sealed record RegistryDocument
    {
        public int Version { get; init; }
        public List<RegistryEntry>? Models { get; init; }
    }
}
