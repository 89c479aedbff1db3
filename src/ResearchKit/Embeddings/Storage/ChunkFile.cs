using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using ResearchKit.IO;

namespace ResearchKit.Embeddings.Storage;

/// <summary>
/// Writes and reads the two immutable files of a chunk (<c>NAME.f32</c> row-major little-endian float32 and
/// <c>NAME.rows.json</c> key and stamp per row), hashing them with XxHash3 in the same pass that moves the bytes,
/// so verifying a load costs no second read.
/// </summary>
internal static class ChunkFile
{
    private const int Block = 1 << 20;

    /// <summary>Writes a chunk's files atomically and returns its manifest entry.</summary>
    public static ChunkRecord Write(string directory, string name, IReadOnlyList<LogRow> rows, ReadOnlyMemory<float> vectors, long committedAt)
    {
        var vectorsHash = new XxHash3();
        AtomicFile.Write(VectorsPath(directory, name), s =>
        {
            // Written in slices: a span of bytes cannot exceed 2 GB, a chunk can.
            const int slice = 1 << 24;
            for (var at = 0; at < vectors.Length; at += slice)
            {
                var bytes = MemoryMarshal.AsBytes(vectors.Span.Slice(at, Math.Min(slice, vectors.Length - at)));
                vectorsHash.Append(bytes);
                s.Write(bytes);
            }
        });
        var json = JsonSerializer.SerializeToUtf8Bytes(rows, StoreJson.Compact);
        AtomicFile.WriteBytes(RowsPath(directory, name), json);
        return new ChunkRecord(name, rows.Count, committedAt, Hex(vectorsHash), Hex(XxHash3.HashToUInt64(json)));
    }

    /// <summary>Reads and verifies a chunk's rows.</summary>
    /// <exception cref="StoreCorruptException">The file is missing, fails its checksum or disagrees with the manifest.</exception>
    public static List<LogRow> ReadRows(string directory, ChunkRecord chunk)
    {
        var path = RowsPath(directory, chunk.Name);
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StoreCorruptException(path, "a committed chunk's row file is missing.", e);
        }
        if (Hex(XxHash3.HashToUInt64(bytes)) != chunk.RowsHash)
            throw new StoreCorruptException(path, "the row file fails its checksum (it changed after it was written).");
        List<LogRow> rows;
        try
        {
            rows = JsonSerializer.Deserialize<List<LogRow>>(bytes, StoreJson.Compact) ?? [];
        }
        catch (JsonException e)
        {
            throw new StoreCorruptException(path, $"the row file is not valid JSON ({e.Message}).", e);
        }
        if (rows.Count != chunk.Rows || rows.Any(r => r is null || r.Key is null))
            throw new StoreCorruptException(path, $"holds {rows.Count} rows where the manifest lists {chunk.Rows}.");
        return rows;
    }

    /// <summary>
    /// Streams a chunk's vectors once, verifying size and checksum, and hands <paramref name="take"/> each wanted row
    /// (<paramref name="wanted"/>: row index in the chunk to destination row, ascending by chunk row).
    /// </summary>
    /// <exception cref="StoreCorruptException">The file is missing, has the wrong size, or fails its checksum.</exception>
    public static void ReadVectors(string directory, ChunkRecord chunk, int width, IReadOnlyList<(int ChunkRow, int Target)> wanted, Action<int, ReadOnlySpan<float>> take)
    {
        var path = VectorsPath(directory, chunk.Name);
        var rowBytes = width * sizeof(float);
        var expected = (long)chunk.Rows * rowBytes;
        FileStream stream;
        try { stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StoreCorruptException(path, "a committed chunk's vector file is missing.", e);
        }
        using (stream)
        {
            if (stream.Length != expected)
                throw new StoreCorruptException(path, $"holds {stream.Length} bytes where {chunk.Rows} rows of {width} floats need {expected}.");
            var hash = new XxHash3();
            var rowsPerBlock = Math.Max(1, Block / rowBytes);
            var buffer = ArrayPool<byte>.Shared.Rent(rowsPerBlock * rowBytes);
            try
            {
                var next = 0;
                for (var first = 0; first < chunk.Rows; first += rowsPerBlock)
                {
                    var count = Math.Min(rowsPerBlock, chunk.Rows - first);
                    var span = buffer.AsSpan(0, count * rowBytes);
                    stream.ReadExactly(span);
                    hash.Append(span);
                    var floats = MemoryMarshal.Cast<byte, float>(span);
                    for (; next < wanted.Count && wanted[next].ChunkRow < first + count; next++)
                        take(wanted[next].Target, floats.Slice((wanted[next].ChunkRow - first) * width, width));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            if (Hex(hash) != chunk.VectorsHash)
                throw new StoreCorruptException(path, "the vector file fails its checksum (it changed after it was written).");
        }
    }

    /// <summary>Deletes a chunk's files (a collector's job, never a reader's).</summary>
    public static void Delete(string directory, string name)
    {
        TryDelete(VectorsPath(directory, name));
        TryDelete(RowsPath(directory, name));
    }

    /// <summary>The chunk stem of a file name, or null when the file is not a chunk file.</summary>
    public static string? StemOf(string fileName) =>
        fileName.EndsWith(".rows.json", StringComparison.Ordinal) ? fileName[..^".rows.json".Length]
        : fileName.EndsWith(".f32", StringComparison.Ordinal) ? fileName[..^".f32".Length] : null;

    public static string VectorsPath(string directory, string name) => Path.Combine(directory, name + ".f32");

    public static string RowsPath(string directory, string name) => Path.Combine(directory, name + ".rows.json");

    private static string Hex(XxHash3 hash) => hash.GetCurrentHashAsUInt64().ToString("x16");

    private static string Hex(ulong value) => value.ToString("x16");

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
