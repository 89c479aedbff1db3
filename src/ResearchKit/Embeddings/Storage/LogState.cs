namespace ResearchKit.Embeddings.Storage;

/// <summary>
/// What a vector log holds at one moment: its head and the manifests of the parts written under the head's epoch.
/// Parts of an older epoch (written before the identity changed) are left out, so old and new vectors never mix.
/// </summary>
internal sealed class LogState
{
    public const string PartsFolder = "parts";
    public const string WritersLock = "writers.lock";
    public const string ReadersLock = "readers.lock";
    public const string PartLock = "writer.lock";

    private LogState(string directory, LogHead head, IReadOnlyList<PartState> parts)
    {
        Directory = directory;
        Head = head;
        Parts = parts;
    }

    public string Directory { get; }
    public LogHead Head { get; }

    /// <summary>The current epoch's parts, sorted by name (the tie-break between equal commit times).</summary>
    public IReadOnlyList<PartState> Parts { get; }

    /// <summary>Reads the head and every part of its epoch, or null when no head was ever committed.</summary>
    public static LogState? Read(string directory)
    {
        var head = LogHead.Read(directory);
        if (head is null) return null;
        var parts = new List<PartState>();
        foreach (var name in PartNames(directory))
        {
            var partDirectory = PartDirectory(directory, name);
            if (PartManifest.Read(partDirectory) is { } manifest && manifest.Epoch == head.Epoch)
                parts.Add(new PartState(name, partDirectory, manifest));
        }
        return new LogState(directory, head, parts);
    }

    /// <summary>Names of every part folder, of any epoch, sorted.</summary>
    public static IReadOnlyList<string> PartNames(string directory)
    {
        var root = Path.Combine(directory, PartsFolder);
        return System.IO.Directory.Exists(root)
            ? [.. System.IO.Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];
    }

    public static string PartDirectory(string directory, string part) => Path.Combine(directory, PartsFolder, part);

    /// <summary>
    /// Runs <paramref name="read"/> under a reader lease (a shared lock on <c>readers.lock</c>): collectors delete
    /// retired files only while they can hold that lock exclusively, so no file a reader may still open disappears.
    /// A store folder this process cannot write to is read without a lease, since nobody can be collecting there either.
    /// </summary>
    public static T WithReaderLease<T>(string directory, Func<T> read)
    {
        FileLock? lease = null;
        try
        {
            lease = FileLock.Acquire(Path.Combine(directory, ReadersLock), exclusive: false);
        }
        catch (UnauthorizedAccessException)
        {
        }
        using (lease) return read();
    }
}

/// <summary>One part of a log: its name, folder and manifest.</summary>
internal sealed record PartState(string Name, string Directory, PartManifest Manifest);
