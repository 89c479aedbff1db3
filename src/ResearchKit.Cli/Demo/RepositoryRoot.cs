namespace ResearchKit.Cli.Demo;

/// <summary>Finds the ResearchKit checkout (the folder holding data/emoji/prepare.sh) above the working directory or the tool.</summary>
public static class RepositoryRoot
{
    /// <summary>The checkout root.</summary>
    /// <exception cref="DemoException">Neither the working directory nor the tool's folder is inside a checkout.</exception>
    public static string Find()
    {
        // The marker file sits three folders below the root: data/emoji/prepare.sh.
        if (ProjectPath.FindAbove(Path.Combine("data", "emoji", "prepare.sh"), File.Exists, Directory.GetCurrentDirectory(), AppContext.BaseDirectory) is { } marker)
            return Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(marker)))!;
        throw new DemoException(Directory.GetCurrentDirectory(), "not inside a ResearchKit checkout (no data/emoji/prepare.sh above it); run the demo from the cloned repository.");
    }
}
