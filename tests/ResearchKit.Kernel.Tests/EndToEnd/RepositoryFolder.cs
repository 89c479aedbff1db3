namespace ResearchKit.Kernel.Tests.EndToEnd;

/// <summary>The checkout these tests were built from (the folder holding ResearchKit.sln above the test binaries).</summary>
public static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "ResearchKit.sln"))) return folder.FullName;
        throw new InvalidOperationException($"no ResearchKit.sln above {AppContext.BaseDirectory}");
    }
}
