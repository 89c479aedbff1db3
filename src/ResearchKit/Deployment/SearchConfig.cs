using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ResearchKit.IO;

namespace ResearchKit.Deployment;

/// <summary>
/// The exported contract between a tuning notebook and a production search service: which spaces and models,
/// how to blend, recall, re-rank, calibrate and expand, the learned distance weights, and where it all came from.
/// Versioned JSON (<c>schemaVersion</c> "MAJOR.MINOR"); readers refuse a newer major version and ignore unknown
/// fields of a newer minor one. The JSON Schema is <c>schemas/search-config.schema.json</c>.
/// </summary>
public sealed record SearchConfig
{
    /// <summary>The version this code writes; it reads every 1.x (1.1 added the gallery-aware expansion fields and the expansion gate).</summary>
    public const string CurrentVersion = "1.1";

    /// <summary>Largest inline weight vector; larger ones go to a sidecar file.</summary>
    public const int InlineWeightLimit = 4096;

    // Far above any real config or weights file; a bound so a wrong path (a disk image, a log) is refused, not read.
    private const long MaxConfigBytes = 16 << 20, MaxSidecarBytes = 256 << 20;

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string SchemaVersion { get; init; } = CurrentVersion;
    public required IReadOnlyList<ConfigSpace> Spaces { get; init; }
    public string Normalization { get; init; } = "zscore";
    public int TopK { get; init; } = 10;
    public int RecallDepth { get; init; } = 50;
    public ConfigCrops? Crops { get; init; }
    public ConfigCalibration? Calibration { get; init; }
    public ConfigExpansion? Expansion { get; init; }
    public ConfigTripletWeights? TripletWeights { get; init; }
    public required ConfigProvenance Provenance { get; init; }

    /// <summary>Reads and validates a config; a sidecar weight file must exist beside it and match its hash.</summary>
    /// <exception cref="SearchConfigException">Unreadable, newer major version, missing fields, or a bad sidecar.</exception>
    public static SearchConfig Load(string path)
    {
        if (!File.Exists(path)) throw new SearchConfigException(path, "no such config file; export one from a tuned dataset first.");
        SearchConfig config;
        try
        {
            // A regular file only: a FIFO or device at the path is refused instead of blocking the reader (a service reloading).
            using var doc = JsonDocument.Parse(RegularFile.ReadAllBytes(path, MaxConfigBytes, (problem, cause) => new SearchConfigException(path, problem, cause)));
            var version = doc.RootElement.TryGetProperty("schemaVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : null;
            if (version is null || !int.TryParse(version.Split('.')[0], out var major))
                throw new SearchConfigException(path, "has no schemaVersion like \"1.0\"; is this a ResearchKit search config?");
            if (major > 1) throw new SearchConfigException(path, $"is schema version {version}, newer than this ResearchKit reads (1.x); upgrade ResearchKit.");
            config = doc.RootElement.Deserialize<SearchConfig>(Json) ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new SearchConfigException(path, $"is not a valid search config ({e.Message}).", e);
        }
        config.Validate(path);
        if (config.TripletWeights is { } w) config.ReadWeights(path, w);
        return config;
    }

    /// <summary>Writes the config atomically; weights longer than <see cref="InlineWeightLimit"/> go to <c>NAME.weights.f32</c> beside it.</summary>
    public SearchConfig Save(string path, float[]? tripletWeights = null, string? weightsSpace = null)
    {
        var config = this;
        if (tripletWeights is not null)
        {
            var bytes = new byte[tripletWeights.Length * sizeof(float)];
            Buffer.BlockCopy(tripletWeights, 0, bytes, 0, bytes.Length);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var space = weightsSpace ?? Spaces[0].Name;
            if (tripletWeights.Length <= InlineWeightLimit)
                config = this with { TripletWeights = new ConfigTripletWeights(space, tripletWeights.Length, Convert.ToBase64String(bytes), null, hash) };
            else
            {
                var sidecar = Path.GetFileNameWithoutExtension(path) + ".weights.f32";
                AtomicFile.Write(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, sidecar), s => s.Write(bytes));
                config = this with { TripletWeights = new ConfigTripletWeights(space, tripletWeights.Length, null, sidecar, hash) };
            }
        }
        config.Validate(path);
        AtomicFile.WriteText(path, JsonSerializer.Serialize(config, Json));
        config.Weights = tripletWeights ?? Weights;
        return config;
    }

    /// <summary>The learned weights, once <see cref="Load"/> has read them (inline or sidecar); null when there are none.</summary>
    [JsonIgnore]
    public float[]? Weights { get; private set; }

    private void ReadWeights(string path, ConfigTripletWeights w)
    {
        byte[] bytes;
        if (w.Base64 is { } inline)
        {
            try { bytes = Convert.FromBase64String(inline); }
            catch (FormatException e) { throw new SearchConfigException(path, "tripletWeights.base64 is not valid base64.", e); }
        }
        else
        {
            var sidecar = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, w.Sidecar ?? "");
            if (w.Sidecar is null || !File.Exists(sidecar))
                throw new SearchConfigException(path, $"tripletWeights names the sidecar '{w.Sidecar}', which is missing; copy it next to the config (it is written beside the config on export).");
            bytes = RegularFile.ReadAllBytes(sidecar, MaxSidecarBytes, (problem, cause) => new SearchConfigException(path, $"the weights sidecar {sidecar} {problem}", cause));
        }
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != w.Sha256)
            throw new SearchConfigException(path, "the triplet weights do not match their sha256; the sidecar was altered or belongs to another config. Export the config again.");
        if (bytes.Length != w.Dimension * sizeof(float))
            throw new SearchConfigException(path, $"tripletWeights holds {bytes.Length / sizeof(float)} values but says dimension {w.Dimension}.");
        var weights = new float[w.Dimension];
        Buffer.BlockCopy(bytes, 0, weights, 0, bytes.Length);
        Weights = weights;
    }

    private void Validate(string path)
    {
        if (Spaces is not { Count: > 0 }) throw new SearchConfigException(path, "spaces is empty; a config searches at least one space.");
        foreach (var s in Spaces)
        {
            if (string.IsNullOrWhiteSpace(s.Name)) throw new SearchConfigException(path, "a space has no name.");
            if (s.Weight < 0) throw new SearchConfigException(path, $"space '{s.Name}' has weight {s.Weight}; weights must be >= 0.");
            if (s.Files is not { Count: > 0 }) throw new SearchConfigException(path, $"space '{s.Name}' lists no model file hashes; the service could not check its model.");
        }
        if (Provenance is null) throw new SearchConfigException(path, "provenance is missing.");
        if (TopK < 1 || RecallDepth < 1) throw new SearchConfigException(path, $"topK ({TopK}) and recallDepth ({RecallDepth}) must be at least 1.");
        if (Normalization is not ("zscore" or "rank" or "none")) throw new SearchConfigException(path, $"normalization '{Normalization}' is not zscore, rank or none.");
        if (Crops is { } c && (c.Grid < 1 || c.GlobalWeight < 0 || c.LocalWeight < 0))
            throw new SearchConfigException(path, "crops needs grid >= 1 and non-negative weights.");
        if (Crops is not null && Spaces.Count > 1)
            throw new SearchConfigException(path, $"has crops but blends {Spaces.Count} spaces; crop re-ranking works within one space. Drop crops or keep one space, and export the config again.");
        if (Expansion is { } e)
        {
            try { SearchConfigMapping.ToSettings(e).Terms.Validate(); }
            catch (ArgumentException problem) { throw new SearchConfigException(path, $"expansion: {problem.Message}", problem); }
        }
        // The options it maps to check every value where they are built (crop layout, hybrid weights): refuse here, not at the first search.
        try { _ = SearchConfigMapping.ToOptions(this); }
        catch (ArgumentException problem) { throw new SearchConfigException(path, problem.Message, problem); }
        if (TripletWeights is { } w && (w.Base64 is null) == (w.Sidecar is null))
            throw new SearchConfigException(path, "tripletWeights needs exactly one of base64 (inline) or sidecar.");
    }
}
