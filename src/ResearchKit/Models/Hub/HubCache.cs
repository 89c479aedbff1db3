using System.Security.Cryptography;
using ResearchKit.IO;

namespace ResearchKit.Models.Hub;

/// <summary>
/// The Hugging Face hub cache on disk, laid out as <c>huggingface_hub</c> lays it out so both tools share
/// downloads: <c>models--{org}--{name}/blobs/{etag}</c> holds content, <c>snapshots/{commit}/{path}</c>
/// links to blobs, and <c>refs/{revision}</c> holds the commit a branch or tag pointed at when pulled.
/// </summary>
public sealed class HubCache
{
    /// <param name="root">The cache directory; null for <see cref="DefaultRoot"/>.</param>
    public HubCache(string? root = null) => Root = Path.GetFullPath(string.IsNullOrEmpty(root) ? DefaultRoot() : root);

    /// <summary>The cache directory (the folder holding <c>models--*</c> folders).</summary>
    public string Root { get; }

    /// <summary><c>$HF_HUB_CACHE</c>, else <c>$HF_HOME/hub</c>, else <c>~/.cache/huggingface/hub</c>.</summary>
    public static string DefaultRoot()
    {
        var hubCache = Environment.GetEnvironmentVariable("HF_HUB_CACHE");
        if (!string.IsNullOrEmpty(hubCache)) return hubCache;
        var hfHome = Environment.GetEnvironmentVariable("HF_HOME");
        if (!string.IsNullOrEmpty(hfHome)) return Path.Combine(hfHome, "hub");
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var cacheHome = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cacheHome, "huggingface", "hub");
    }

    /// <summary><c>{Root}/models--{org}--{name}</c>.</summary>
    public string RepoDirectory(string repo) => Path.Combine(Root, "models--" + repo.Replace("/", "--", StringComparison.Ordinal));

    /// <summary>Where a repository's file contents live, named by ETag.</summary>
    public string BlobsDirectory(string repo) => Path.Combine(RepoDirectory(repo), "blobs");

    /// <summary>The directory a commit's files appear under.</summary>
    public string SnapshotDirectory(string repo, string commit) => Path.Combine(RepoDirectory(repo), "snapshots", commit);

    /// <summary>The file recording which commit <paramref name="revision"/> resolved to.</summary>
    public string RefPath(string repo, string revision) => Path.Combine(RepoDirectory(repo), "refs", revision);

    /// <summary>The commit a revision was pulled at: the revision itself when it is a commit hash, else the ref file's content; null when never pulled.</summary>
    public string? ReadRef(string repo, string revision)
    {
        if (IsCommitHash(revision)) return Directory.Exists(SnapshotDirectory(repo, revision)) ? revision : null;
        var path = RefPath(repo, revision);
        // A mirror that sends no X-Repo-Commit gets its snapshot named after the revision itself.
        if (!File.Exists(path)) return Directory.Exists(SnapshotDirectory(repo, revision)) ? revision : null;
        var commit = File.ReadAllText(path).Trim();
        return commit.Length == 0 ? null : commit;
    }

    /// <summary>Records that <paramref name="revision"/> resolved to <paramref name="commit"/> (nothing to record for a commit hash).</summary>
    public void WriteRef(string repo, string revision, string commit)
    {
        if (string.Equals(revision, commit, StringComparison.OrdinalIgnoreCase)) return;
        AtomicFile.WriteText(RefPath(repo, revision), commit);
    }

    /// <summary>
    /// The snapshot directory of a pulled entry: the commit its revision's ref names, holding every file
    /// the entry (or its <paramref name="variant"/>) lists and every external-data file their graphs name.
    /// Null when the entry was never pulled or a file is missing. Does not hash files (see
    /// <see cref="ModelVerifier"/> for that).
    /// </summary>
    /// <exception cref="UnknownVariantException">The entry lists no such variant.</exception>
    public string? FindSnapshot(RegistryEntry entry, string? variant = null)
    {
        var files = entry.FilesFor(variant);
        var commit = ReadRef(entry.Repo, entry.Revision);
        if (commit is null) return null;
        var dir = SnapshotDirectory(entry.Repo, commit);
        foreach (var file in files)
        {
            var path = SnapshotFilePath(dir, file.Path);
            if (ResolveFile(path) is null) return null;
            if (!file.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) continue;
            try { OnnxExternalData.Require(path); }
            catch (ModelLoadException) { return null; }
        }
        return dir;
    }

    /// <summary>True when every file of the entry (or its variant) is present in its snapshot.</summary>
    public bool IsPulled(RegistryEntry entry, string? variant = null) => FindSnapshot(entry, variant) is not null;

    /// <summary>The path of a snapshot file in the same form as a registry path.</summary>
    internal static string SnapshotFilePath(string snapshotDirectory, string repoPath) =>
        Path.Combine(snapshotDirectory, repoPath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The regular file behind <paramref name="path"/> (following a symlink), or null when absent or dangling.</summary>
    internal static FileInfo? ResolveFile(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            return target is { Exists: true } ? target : null;
        }
        return info.Exists ? info : null;
    }

    /// <summary>
    /// Points <paramref name="snapshotFile"/> at <paramref name="blob"/> with a relative symlink, as
    /// huggingface_hub does; copies the blob instead where symlinks cannot be made.
    /// </summary>
    internal static void LinkIntoSnapshot(string blob, string snapshotFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(snapshotFile)!);
        DeleteEntry(snapshotFile);
        try
        {
            var relative = Path.GetRelativePath(Path.GetDirectoryName(snapshotFile)!, blob);
            File.CreateSymbolicLink(snapshotFile, relative);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            File.Copy(blob, snapshotFile, overwrite: true);
        }
    }

    /// <summary>Deletes a file or a symlink itself (never the symlink's target).</summary>
    internal static void DeleteEntry(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists || info.LinkTarget is not null) info.Delete();
    }

    /// <summary>Lower-case hex SHA-256 of a file's contents.</summary>
    internal static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }

    internal static bool IsCommitHash(string revision) => revision.Length == 40 && revision.All(Uri.IsHexDigit);
}
