using ResearchKit.Tests.Search;

namespace ResearchKit.Tests.Judging;

/// <summary>A private copy of the indexed fixture dataset (images and store), so each test has its own judgments database.</summary>
public sealed class JudgeDatasetCopy : IDisposable
{
    private readonly TempDirectory _dir = new();

    public JudgeDatasetCopy(IndexedDatasetFixture fixture)
    {
        foreach (var file in Directory.EnumerateFiles(fixture.Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(fixture.Root, file);
            if (relative.Contains("judgments.sqlite", StringComparison.Ordinal)) continue;
            var target = Path.Combine(_dir.Path, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root => _dir.Path;

    public string Database => Path.Combine(Root, ".researchkit", "judgments.sqlite");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
