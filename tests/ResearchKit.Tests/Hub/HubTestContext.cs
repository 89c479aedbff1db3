using ResearchKit.Models.Hub;

namespace ResearchKit.Tests.Hub;

/// <summary>
/// A loopback hub serving the three fixture models as researchkit/{name} and every replica repository under its
/// real id (tests/fixtures/replicas/repos/{org}/{name}), a throw-away cache directory, and the test registry
/// (tests/fixtures/replicas/registry.json). Never touches the real ~/.cache.
/// </summary>
public sealed class HubTestContext : IDisposable
{
    public static readonly string[] FixtureModels = ["siglip-tiny", "dinov2-tiny", "eva02-clip-tiny"];

    public HubTestContext()
    {
        Hub = new LoopbackHub();
        foreach (var name in FixtureModels) Hub.Serve("researchkit/" + name, FixturePaths.Model(name));
        foreach (var (repo, dir) in ReplicaRepositories()) Hub.Serve(repo, dir);
        CacheDir = Directory.CreateTempSubdirectory("rk-hub-cache-").FullName;
        Registry = ModelRegistry.Load(RegistryPath);
    }

    public LoopbackHub Hub { get; }
    public string CacheDir { get; }
    public ModelRegistry Registry { get; }
    public HubCache Cache => new(CacheDir);

    /// <summary>The test registry: the fixture models and the replica repositories.</summary>
    public static string RegistryPath { get; } = Path.Combine(FixturePaths.Replicas, "registry.json");

    /// <summary>models/registry.json at the repository root: the registry users get.</summary>
    public static string ShippedRegistryPath { get; } = Path.Combine(FixturePaths.RepositoryRoot, "models", "registry.json");

    /// <summary>Every replica repository: its hub id (org/name) and its folder.</summary>
    public static IEnumerable<(string Repo, string Directory)> ReplicaRepositories()
    {
        var root = Path.Combine(FixturePaths.Replicas, "repos");
        foreach (var org in Directory.GetDirectories(root))
            foreach (var repo in Directory.GetDirectories(org))
                yield return ($"{Path.GetFileName(org)}/{Path.GetFileName(repo)}", repo);
    }

    public HubClient Client(string? token = "", int maxAttempts = 3) => new(new HubClientOptions
    {
        Endpoint = Hub.Endpoint,
        Token = token,
        CacheDirectory = CacheDir,
        MaxAttempts = maxAttempts,
        RetryDelay = TimeSpan.FromMilliseconds(10),
    });

    public async Task<PullResult> PullAsync(string name, string? token = "", int maxAttempts = 3)
    {
        using var client = Client(token, maxAttempts);
        return await client.PullAsync(Registry.Find(name));
    }

    public void Dispose()
    {
        Hub.Dispose();
        try { Directory.Delete(CacheDir, true); } catch (IOException) { }
    }
}
