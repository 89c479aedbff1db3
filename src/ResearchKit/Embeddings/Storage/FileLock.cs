namespace ResearchKit.Embeddings.Storage;

/// <summary>
/// An advisory, OS-level lock on a file (shared or exclusive), released when disposed or when the process dies,
/// so a killed writer never leaves a stale lock behind.
/// </summary>
/// <remarks>
/// On Linux and macOS .NET takes <c>flock(2)</c> when a file is opened: <c>LOCK_EX</c> for <see cref="FileShare.None"/>,
/// <c>LOCK_SH</c> for a read-only handle. flock locks belong to the open file, so two handles conflict even inside one
/// process; Linux's NFS client maps them to byte-range locks the server enforces across machines (Lustre needs the
/// <c>flock</c> mount option). On Windows the same sharing modes give the same exclusion. Locking is off when
/// <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> is set, which <see cref="CheckLockingEnabled"/> refuses.
/// </remarks>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream, string path, bool exclusive)
    {
        _stream = stream;
        Path = path;
        Exclusive = exclusive;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Whether this is the exclusive (writer) lock rather than a shared one.</summary>
    public bool Exclusive { get; }

    /// <summary>Takes the lock at once, or returns null when a conflicting lock is held.</summary>
    public static FileLock? TryAcquire(string path, bool exclusive)
    {
        CheckLockingEnabled();
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        try
        {
            // Exclusive: read-write with no sharing (LOCK_EX). Shared: read-only with read sharing (LOCK_SH),
            // created first when missing because a read-only handle cannot create it.
            if (!exclusive && !File.Exists(path))
                using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete)) { }
            var stream = exclusive
                ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)
                : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return new FileLock(stream, path, exclusive);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException && File.Exists(path))
        {
            return null;
        }
    }

    /// <summary>
    /// Takes the lock, polling while a conflicting lock is held; <paramref name="onWait"/> is told once when the
    /// wait begins. Throws <see cref="StoreBusyException"/> after <paramref name="timeout"/> (infinite by default).
    /// </summary>
    public static FileLock Acquire(string path, bool exclusive, TimeSpan? timeout = null, Action? onWait = null, CancellationToken cancellationToken = default)
    {
        var started = DateTime.UtcNow;
        var told = false;
        var delay = 20;
        while (true)
        {
            if (TryAcquire(path, exclusive) is { } taken) return taken;
            if (!told) { told = true; onWait?.Invoke(); }
            if (timeout is { } limit && DateTime.UtcNow - started >= limit)
                throw new StoreBusyException(path, $"another process held this lock for {limit.TotalSeconds:0.#} s; wait for it to finish or stop it.");
            cancellationToken.WaitHandle.WaitOne(delay);
            cancellationToken.ThrowIfCancellationRequested();
            delay = Math.Min(250, delay * 2);
        }
    }

    /// <summary>Throws when .NET's file locking is switched off, since the store's safety rests on it.</summary>
    public static void CheckLockingEnabled()
    {
        var variable = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING");
        var off = variable is "1" || string.Equals(variable, "true", StringComparison.OrdinalIgnoreCase)
            || (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled);
        if (off) throw new StoreBusyException("DOTNET_SYSTEM_IO_DISABLEFILELOCKING", "file locking is switched off in this process, so concurrent writers could damage the store; unset it.");
    }

    public void Dispose() => _stream.Dispose();
}
