namespace ResearchKit.Datasets;

/// <summary>
/// Finds the image files under a dataset folder: recursive, hidden folders skipped, symbolic links followed once
/// (a link back to a folder already walked, such as a loop, is skipped and recorded), unreadable folders recorded as
/// failures while the scan carries on.
/// </summary>
internal static class ImageScanner
{
    /// <summary>Relative paths ('/' separators) of the images under <paramref name="root"/>, sorted, and what could not be scanned.</summary>
    public static (List<string> Files, List<ScanFailure> Failures) Scan(string root, IReadOnlySet<string> extensions)
    {
        var found = new List<string>();
        var failures = new List<ScanFailure>();
        var realPaths = new Dictionary<string, string?>(StringComparer.Ordinal);
        var rootReal = RealPath(root, realPaths) ?? root;
        var visited = new HashSet<string>(StringComparer.Ordinal) { rootReal };
        var pending = new Stack<(string Path, string Real)>([(root, rootReal)]);
        while (pending.Count > 0)
        {
            var (dir, dirReal) = pending.Pop();
            string[] subfolders, files;
            try
            {
                subfolders = Directory.GetDirectories(dir);
                files = Directory.GetFiles(dir);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                failures.Add(new ScanFailure(Relative(root, dir), "UnreadableFolder",
                    $"cannot read this folder ({e.Message}); its images are left out. Give the indexing user read and execute permission, or move the folder out."));
                continue;
            }
            foreach (var sub in subfolders)
            {
                if (Path.GetFileName(sub).StartsWith('.')) continue;
                var real = IsLink(sub) ? RealPath(sub, realPaths) : Path.Combine(dirReal, Path.GetFileName(sub));
                if (real is null)
                {
                    failures.Add(new ScanFailure(Relative(root, sub), "UnreadableFolder", "this folder link cannot be resolved (a dangling or unreadable link); it is left out."));
                    continue;
                }
                // Each real folder is walked once: a link back to an ancestor (a loop) or to a folder seen already is skipped.
                if (!visited.Add(real))
                {
                    failures.Add(new ScanFailure(Relative(root, sub), "SymlinkLoop",
                        $"this link leads to {real}, a folder already scanned (a symbolic link loop or a second path to it); it is skipped so no image is counted twice."));
                    continue;
                }
                pending.Push((sub, real));
            }
            foreach (var file in files)
                if (extensions.Contains(Path.GetExtension(file))) found.Add(Relative(root, file));
        }
        found.Sort(StringComparer.Ordinal);
        return (found, failures);
    }

    private static bool IsLink(string path)
    {
        try { return new DirectoryInfo(path).LinkTarget is not null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return true; }
    }

    // The folder's path with every link on the way resolved (memoised per folder), or null when it cannot be resolved.
    private static string? RealPath(string directory, Dictionary<string, string?> memo)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (memo.TryGetValue(full, out var known)) return known;
        memo[full] = null;  // a link chain that comes back here is unresolvable
        string? real;
        try
        {
            var info = new DirectoryInfo(full);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                real = target is null || !Directory.Exists(target.FullName) ? null : RealPath(target.FullName, memo);
            }
            else
            {
                real = info.Parent is null ? full : RealPath(info.Parent.FullName, memo) is { } parent ? Path.Combine(parent, info.Name) : null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            real = null;
        }
        memo[full] = real;
        return real;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
