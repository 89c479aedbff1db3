using ResearchKit.Kernel.Scripting;

namespace ResearchKit.Cli.Demo;

/// <summary>
/// Finds a ResearchKit checkout (the folder holding data/emoji/prepare.sh and models/emoji) at or above a folder, so
/// the demo run inside a clone keeps its data and report in the clone, as the README and scripts/test.sh expect.
/// </summary>
public static class RepositoryRoot
{
    /// <summary>The checkout root at or above <paramref name="start"/>, or null when it is not inside one.</summary>
    public static string? FindAbove(string start)
    {
        // The marker file sits three folders below the root: data/emoji/prepare.sh.
        var marker = ProjectPath.FindAbove(Path.Combine("data", "emoji", "prepare.sh"), File.Exists, start);
        return marker is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(marker)))!;
    }
}
