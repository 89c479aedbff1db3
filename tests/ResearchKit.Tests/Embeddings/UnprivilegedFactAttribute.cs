namespace ResearchKit.Tests.Embeddings;

/// <summary>
/// A test that needs file permissions to bite. As root (CI runs as root) it runs its child process as <c>nobody</c>
/// through <c>setpriv</c>; it is skipped, and reported as skipped, only when it runs as root without setpriv.
/// </summary>
public sealed class UnprivilegedFactAttribute : FactAttribute
{
    public UnprivilegedFactAttribute()
    {
        if (Unprivileged.Prefix is null) Skip = "running as root without setpriv: permission errors cannot be provoked (install util-linux)";
    }
}

/// <summary>How to run a child without root's power to read everything.</summary>
public static class Unprivileged
{
    /// <summary>The command prefix that drops root (empty when not root), or null when root cannot be dropped.</summary>
    public static IReadOnlyList<string>? Prefix { get; } = Find();

    private static IReadOnlyList<string>? Find()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return [];
        var setpriv = new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists);
        return setpriv is null ? null : [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"];
    }
}
