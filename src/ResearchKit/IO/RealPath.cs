namespace ResearchKit.IO;

/// <summary>
/// Resolves a path as the kernel does when the file is opened, every symbolic link along it followed (folders too,
/// not only the last name), so that "is this file inside the dataset?" compares where the file really is rather than
/// what its name says: <c>passwd.png -> /etc/passwd</c> is outside.
/// </summary>
public static class RealPath
{
    // The kernel's own limit before it answers ELOOP.
    private const int MaxLinks = 40;

    /// <summary>The absolute path with every symbolic link resolved; names that do not exist are kept as written.</summary>
    /// <exception cref="IOException">The links loop (more than 40 on the way).</exception>
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var remaining = new LinkedList<string>(Parts(full[current.Length..]));
        var links = 0;
        while (remaining.First is { } first)
        {
            remaining.RemoveFirst();
            var part = first.Value;
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Join(current, part);
            var target = LinkTarget(next);
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks) throw new IOException($"{path}: too many levels of symbolic links (a link loop?).");
            if (Path.IsPathRooted(target)) current = Path.GetPathRoot(target)!;
            foreach (var linked in Parts(target).Reverse()) remaining.AddFirst(linked);
        }
        return current;
    }

    /// <summary>
    /// The resolved path of <paramref name="relativePath"/> under <paramref name="root"/> when it stays inside the
    /// resolved root; null when it leaves it (by <c>..</c>, an absolute path, or a link to elsewhere) or loops.
    /// </summary>
    public static string? Within(string root, string relativePath)
    {
        try
        {
            var realRoot = Of(root);
            var resolved = Of(Path.Combine(root, relativePath));
            var prefix = realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar;
            return resolved.StartsWith(prefix, StringComparison.Ordinal) ? resolved : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? LinkTarget(string path)
    {
        try { return new FileInfo(path).LinkTarget; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string[] Parts(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
