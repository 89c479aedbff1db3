namespace ResearchKit;

/// <summary>
/// Finds a path given relative to a project root from wherever a notebook runs: Jupyter starts kernels in the
/// notebook's folder, the headless runner and CI in the repository root. Absolute paths are returned as they are.
/// </summary>
public static class ProjectPath
{
    /// <summary>
    /// The full path of <paramref name="path"/>: itself when absolute; else the first of the start folder and its
    /// ancestors under which it exists; else the path under the start folder (so a later error names it).
    /// </summary>
    /// <param name="path">A file or folder path, e.g. <c>data/emoji/prepared/heldout</c>.</param>
    /// <param name="start">Folder to search up from; the current directory by default.</param>
    public static string Resolve(string path, string? start = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathRooted(path)) return Path.GetFullPath(path);
        var origin = Path.GetFullPath(start ?? Directory.GetCurrentDirectory());
        for (var folder = new DirectoryInfo(origin); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, path);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return Path.GetFullPath(Path.Combine(origin, path));
    }

    /// <summary>True when <paramref name="path"/> resolves to an existing file or folder.</summary>
    public static bool Exists(string path, string? start = null)
    {
        var full = Resolve(path, start);
        return File.Exists(full) || Directory.Exists(full);
    }
}
