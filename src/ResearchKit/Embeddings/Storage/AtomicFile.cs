namespace ResearchKit.Embeddings.Storage;

/// <summary>
/// Writes a file so that readers (and a process killed mid-write) only ever see the old content or the
/// complete new content: the bytes go to a temporary file beside the target, are flushed to disk, and
/// the temporary file is renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> with what <paramref name="write"/> puts in the stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Replaces <paramref name="path"/> with UTF-8 text.</summary>
    public static void WriteText(string path, string text) =>
        Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>Deletes temporary files a killed writer left behind in <paramref name="directory"/>.</summary>
    public static void RemoveLeftovers(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp")) TryDelete(file);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
