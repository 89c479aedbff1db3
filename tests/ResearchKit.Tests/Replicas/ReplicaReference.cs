using System.Text.Json;

namespace ResearchKit.Tests.Replicas;

/// <summary>
/// tests/fixtures/replicas/reference.json: for each replica repository, the embeddings its towers must produce
/// from the reference processor paths (computed by make_replicas.py with torch) and the token ids they were fed.
/// </summary>
public sealed class ReplicaReference
{
    private static readonly Lazy<ReplicaReference> Loaded = new(() => new ReplicaReference(Path.Combine(FixturePaths.Replicas, "reference.json")));

    private readonly Dictionary<string, JsonElement> _replicas;

    private ReplicaReference(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement.Clone();
        Strings = [.. root.GetProperty("strings").EnumerateArray().Select(s => s.GetString()!)];
        Images = [.. root.GetProperty("images").EnumerateArray().Select(s => s.GetString()!)];
        _replicas = root.GetProperty("replicas").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
    }

    public static ReplicaReference Instance => Loaded.Value;

    /// <summary>The test strings, in the order of every replica's text vectors and ids.</summary>
    public IReadOnlyList<string> Strings { get; }

    /// <summary>The reference images (tests/fixtures/reference/images).</summary>
    public IReadOnlyList<string> Images { get; }

    /// <summary>Every replica's hub repository id.</summary>
    public IReadOnlyList<string> Repos => [.. _replicas.Keys];

    /// <summary>The unit-length image embedding of <paramref name="image"/> for the replica <paramref name="repo"/>.</summary>
    public float[] Image(string repo, string image, string key = "images") =>
        Vector(_replicas[repo].GetProperty(key).GetProperty(image));

    /// <summary>The unit-length text embeddings of every test string, or null for an image-only replica.</summary>
    public float[][]? Texts(string repo) =>
        _replicas[repo].TryGetProperty("texts", out var t) ? [.. t.EnumerateArray().Select(Vector)] : null;

    /// <summary>The token ids the text tower was fed for every test string, or null for an image-only replica.</summary>
    public int[][]? Ids(string repo) =>
        _replicas[repo].TryGetProperty("ids", out var t) ? [.. t.EnumerateArray().Select(a => a.EnumerateArray().Select(v => v.GetInt32()).ToArray())] : null;

    /// <summary>The pad id Immich's rules chose for the replica, or null where the replica is not Immich's.</summary>
    public int? PadId(string repo) =>
        _replicas[repo].TryGetProperty("pad_id", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null;

    private static float[] Vector(JsonElement array) => [.. array.EnumerateArray().Select(v => (float)v.GetDouble())];
}
