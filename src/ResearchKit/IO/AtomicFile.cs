using System.Diagnostics;
using System.Text;

namespace ResearchKit.IO;

/// <summary>
/// The one way ResearchKit replaces a file: the bytes go to a temporary file in the same folder, are flushed
/// to disk, and the temporary file is renamed over the target, so readers (and a process killed mid-write)
/// only ever see the old content or the complete new content.
/// </summary>
/// <remarks>
/// Temporary names carry the writer's process id and host (<c>.NAME.PID-HOST-RANDOM.tmp</c>), so they never
/// collide across processes or machines sharing a folder. Each write removes the temporaries of the same target
/// that a dead process on this host left; a folder's owner (the lock holder of a store part) may remove all of
/// them with <see cref="RemoveLeftovers"/>. Nobody else deletes another process's temporary file.
/// </remarks>
public static class AtomicFile
{
    private static readonly string Host = SafeHost();

    /// <summary>Replaces <paramref name="path"/> with what <paramref name="write"/> puts in the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = TemporaryFor(full);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        RemoveDeadTemporaries(full);
    }

    /// <summary>Replaces <paramref name="path"/> with UTF-8 text (no byte-order mark).</summary>
    public static void WriteText(string path, string text) => Write(path, s => s.Write(new UTF8Encoding(false).GetBytes(text)));

    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/>.</summary>
    public static void WriteBytes(string path, ReadOnlyMemory<byte> bytes) => Write(path, s => s.Write(bytes.Span));

    /// <summary>
    /// Deletes every temporary file a writer left in <paramref name="directory"/>. Only the folder's owner calls
    /// this (a process holding the folder's write lock), since another writer's file may still be in flight.
    /// </summary>
    public static void RemoveLeftovers(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp")) TryDelete(file);
    }

    /// <summary>Whether <paramref name="fileName"/> is a temporary file of this writer (or a killed one).</summary>
    public static bool IsTemporary(string fileName) => fileName.StartsWith('.') && fileName.EndsWith(".tmp", StringComparison.Ordinal);

    private static string TemporaryFor(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}-{Host}-{Guid.NewGuid().ToString("N")[..8]}.tmp");

    // Temporaries of this target whose writer, on this host, is no longer running: a killed save.
    private static void RemoveDeadTemporaries(string full)
    {
        var prefix = $".{Path.GetFileName(full)}.";
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(full)!, prefix + "*.tmp"))
            {
                var middle = Path.GetFileName(file)[prefix.Length..^".tmp".Length];
                var parts = middle.Split('-');
                if (parts.Length < 3 || !int.TryParse(parts[0], out var pid)) continue;
                if (string.Join('-', parts[1..^1]) != Host || pid == Environment.ProcessId || IsRunning(pid)) continue;
                TryDelete(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try { using var process = Process.GetProcessById(pid); return !process.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    private static string SafeHost()
    {
        var host = Environment.MachineName;
        return new string([.. host.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_')]);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
