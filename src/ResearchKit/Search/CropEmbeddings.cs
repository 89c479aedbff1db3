using ResearchKit.Embeddings;
using ResearchKit.Embeddings.Storage;
using ResearchKit.Imaging;
using ResearchKit.Models;

namespace ResearchKit.Search;

/// <summary>
/// Crop embeddings of dataset items for one space and crop layout, computed on first request and kept in
/// memory and (unless read-only) in the store, so a repeated query never embeds the same crops twice.
/// Each item's value is <c>layout.Count * dimension</c> floats, crops side by side, each L2-normalised.
/// </summary>
public sealed class CropEmbeddings
{
    private readonly EmbeddingModel _model;
    private readonly CropLayout _layout;
    private readonly Func<string, string> _imagePath;
    private readonly string? _cacheDirectory;
    private VectorLogWriterOptions? _cacheOptions;
    private readonly Dictionary<string, float[]> _memory = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _computed;

    /// <param name="model">The space's model (its preprocessing and image tower embed the crops).</param>
    /// <param name="layout">Which crops.</param>
    /// <param name="imagePath">Item id to image file.</param>
    /// <param name="spaceDirectory">The space's store folder for the persistent cache, or null for memory only (read-only stores).</param>
    public CropEmbeddings(EmbeddingModel model, CropLayout layout, Func<string, string> imagePath, string? spaceDirectory)
    {
        _model = model;
        _layout = layout.Validate();
        _imagePath = imagePath;
        Dimension = model.ImageEncoder.Dimension;
        if (spaceDirectory is null) return;
        _cacheDirectory = CropCacheDirectory.For(spaceDirectory, layout.Key);
        _cacheOptions = new VectorLogWriterOptions
        {
            Width = layout.Count * Dimension,
            Identity = $"{{\"layout\":\"{layout.Key}\",\"fingerprint\":\"{model.Identity.Fingerprint}\"}}",
        };
        var (cached, damaged) = CropCacheDirectory.Read(_cacheDirectory, _cacheOptions);
        foreach (var (id, vectors) in cached) _memory[id] = vectors;
        // A damaged cache starts over: the first write rebuilds it instead of appending beside the damage.
        if (damaged) _cacheOptions = _cacheOptions with { Accepts = _ => false };
    }

    public int Dimension { get; }
    public CropLayout Layout => _layout;

    /// <summary>Items whose crops were embedded (not found in the cache) since this object was made.</summary>
    public long Computed => Interlocked.Read(ref _computed);

    /// <summary>Crop vectors for each id, embedding (and caching) those not seen before. Items whose image fails are absent.</summary>
    public IReadOnlyDictionary<string, float[]> Get(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        List<string> missing;
        lock (_gate)
        {
            missing = [];
            foreach (var id in ids)
                if (_memory.TryGetValue(id, out var v)) found[id] = v; else missing.Add(id);
        }
        if (missing.Count == 0) return found;
        var fresh = new List<(string Id, float[] Vectors)>();
        foreach (var id in missing.Distinct())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Embed(id, cancellationToken) is { } v) fresh.Add((id, v));
        }
        lock (_gate)
        {
            foreach (var (id, v) in fresh) { _memory[id] = v; found[id] = v; }
            if (_cacheDirectory is not null && fresh.Count > 0)
            {
                var flat = new float[fresh.Count * _layout.Count * Dimension];
                for (var i = 0; i < fresh.Count; i++) fresh[i].Vectors.CopyTo(flat, i * _layout.Count * Dimension);
                // A cache: when another process writes it right now, these crops stay in memory only.
                using var writer = VectorLogWriter.TryOpen(_cacheDirectory, _cacheOptions!);
                writer?.Append([.. fresh.Select(f => new LogRow(f.Id, "crops"))], flat);
                if (writer is not null) _cacheOptions = _cacheOptions! with { Accepts = null };
            }
        }
        Interlocked.Add(ref _computed, fresh.Count);
        return found;
    }

    private float[]? Embed(string id, CancellationToken cancellationToken)
    {
        RgbaImage image;
        try { image = ImageDecoder.Decode(_imagePath(id), _model.Preprocessor.LoadOptions); }
        catch (Exception e) when (e is ResearchKitException or IOException) { return null; }
        var tensors = _layout.Windows(image.Width, image.Height)
            .Select(w => _model.Preprocessor.Process(PillowResampler.Crop(image, w))).ToList();
        var batch = _model.ImageEncoder.Encode(tensors, cancellationToken);
        var flat = new float[_layout.Count * Dimension];
        for (var c = 0; c < batch.Normalized.Length; c++) batch.Normalized[c].CopyTo(flat, c * Dimension);
        return flat;
    }
}
