namespace ResearchKit.Tests;

/// <summary>Locates the reference fixtures copied into tests/fixtures so a fresh clone tests alone.</summary>
public static class FixturePaths
{
    /// <summary>tests/fixtures/reference, found by walking up from the test binary.</summary>
    public static string Reference { get; } = Find();

    public static string Image(string name) => Path.Combine(Reference, "images", name);
    public static string Model(string name) => Path.Combine(Reference, "models", name);
    public static string Tokenizer(string name) => Path.Combine(Reference, "tokenizers", name);

    /// <summary>tests/fixtures/replicas: miniatures of real hub repositories and the test registry.</summary>
    public static string Replicas { get; } = Path.GetFullPath(Path.Combine(Reference, "..", "replicas"));

    /// <summary>The repository root (three levels above tests/fixtures/reference).</summary>
    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(Reference, "..", "..", ".."));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "reference");
            if (File.Exists(Path.Combine(candidate, "manifest.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("tests/fixtures/reference not found above " + AppContext.BaseDirectory);
    }
}
