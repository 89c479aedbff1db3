namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// Finds a path given relative to a project root from wherever a notebook runs: Jupyter starts kernels in the
/// notebook's folder, the headless runner and CI in the repository root. Absolute paths are returned as they are.
/// A notebook-side helper: the start folder is the caller's, and nothing in the core library walks folders.
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
        return FindAbove(path, static p => File.Exists(p) || Directory.Exists(p), origin) ?? Path.GetFullPath(Path.Combine(origin, path));
    }

    /// <summary>
    /// The full path of <paramref name="relative"/> under the first of <paramref name="starts"/> (in order) or their
    /// ancestors where <paramref name="exists"/> holds for it; null when none does.
    /// </summary>
    public static string? FindAbove(string relative, Func<string, bool> exists, params string[] starts)
    {
        foreach (var start in starts)
            for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.GetFullPath(Path.Combine(folder.FullName, relative));
                if (exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>True when <paramref name="path"/> resolves to an existing file or folder.</summary>
    public static bool Exists(string path, string? start = null)
    {
        var full = Resolve(path, start);
        return File.Exists(full) || Directory.Exists(full);
    }
}
