namespace ResearchKit.Tests.Embeddings;

/// <summary>
/// A test that needs file permissions to bite. As root (CI runs as root) it runs its child process as <c>nobody</c>
/// through <c>setpriv</c>; it is skipped, and reported as skipped, only when it runs as root without setpriv.
/// </summary>
public sealed class UnprivilegedFactAttribute : FactAttribute
{
    public UnprivilegedFactAttribute()
    {
        if (Unprivileged.Prefix is null) Skip = Unprivileged.Unavailable;
    }
}

/// <summary>How to run a child without root's power to read everything.</summary>
public static class Unprivileged
{
    /// <summary>The command prefix that drops root (empty when not root), or null when root cannot be dropped.</summary>
    public static IReadOnlyList<string>? Prefix { get; } = Find();

    /// <summary>Why <see cref="Prefix"/> is null (the skip reason), else null.</summary>
    public static string? Unavailable { get; private set; }

    private static IReadOnlyList<string>? Find()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return [];
        var setpriv = new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists);
        if (setpriv is null)
        {
            Unavailable = "running as root without setpriv: permission errors cannot be provoked (install util-linux)";
            return null;
        }
        // nobody must be able to run the build output and read the fixture models, or every such test would fail.
        foreach (var path in new[] { Path.Combine(AppContext.BaseDirectory, "researchkit.dll"), FixturePaths.Model("dinov2-tiny"), Path.GetTempPath() })
            if (!OthersCanRead(path))
            {
                Unavailable = $"nobody cannot read {path} (or a folder above it): make the checkout and build output world-readable";
                return null;
            }
        return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"];
    }

    // The path and every folder above it must be open to "others", as nobody is neither owner nor group.
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static bool OthersCanRead(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full) && !Directory.Exists(full)) return false;
        if (!File.GetUnixFileMode(full).HasFlag(UnixFileMode.OtherRead)) return false;
        for (var dir = Directory.Exists(full) ? full : Path.GetDirectoryName(full); dir is not null; dir = Path.GetDirectoryName(dir))
            if (!File.GetUnixFileMode(dir).HasFlag(UnixFileMode.OtherExecute)) return false;
        return true;
    }
}
