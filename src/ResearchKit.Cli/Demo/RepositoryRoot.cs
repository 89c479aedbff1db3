namespace ResearchKit.Cli.Demo;

/// <summary>Finds the ResearchKit checkout (the folder holding data/emoji/prepare.sh) above the working directory or the tool.</summary>
public static class RepositoryRoot
{
    /// <summary>The checkout root.</summary>
    /// <exception cref="DemoException">Neither the working directory nor the tool's folder is inside a checkout.</exception>
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "data", "emoji", "prepare.sh"))) return dir.FullName;
        throw new DemoException(Directory.GetCurrentDirectory(), "not inside a ResearchKit checkout (no data/emoji/prepare.sh above it); run the demo from the cloned repository.");
    }
}
