using System.Runtime.InteropServices;

namespace ResearchKit.Cli.Commands;

/// <summary>Writes raw little-endian float32 files atomically (temp file, then rename), so a crash never leaves half a tensor.</summary>
public static class TensorFile
{
    public static void WriteFloat32(string path, ReadOnlySpan<float> values)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Tensor files are little-endian; this machine is big-endian.");
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, full, overwrite: true);
    }
}
