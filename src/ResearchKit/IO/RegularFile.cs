using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ResearchKit.IO;

/// <summary>
/// Reads a small file (a config, a manifest) only when it is a regular file of bounded size. On Linux the file is
/// opened non-blocking and its type read from the open handle, so a FIFO or device put at the path is refused at once
/// instead of blocking the reader forever, and no swap between the check and the read can slip one in. A missing,
/// unreadable, non-regular or oversized file becomes the caller's typed error.
/// </summary>
public static class RegularFile
{
    private const int OpenReadOnlyNonBlocking = 0x800 | 0x80000; // O_RDONLY | O_NONBLOCK | O_CLOEXEC (Linux, every architecture .NET runs on)
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1, StatxSize = 0x200;
    private const int FileTypeMask = 0xF000, RegularType = 0x8000;

    /// <summary>
    /// The bytes of <paramref name="path"/>; <paramref name="fail"/> turns a problem sentence (and its cause, if any)
    /// into the caller's typed error, which is thrown.
    /// </summary>
    public static byte[] ReadAllBytes(string path, long maxBytes, Func<string, Exception?, Exception> fail)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var handle = OperatingSystem.IsLinux() ? OpenWithoutBlocking(path, fail) : OpenPortable(path, fail);
        long size;
        try
        {
            size = RandomAccess.GetLength(handle);
            if (size > maxBytes)
                throw fail($"is {size:N0} bytes, more than the {maxBytes:N0} a file of this kind may have; is it the right file?", null);
            // Read one byte past the size: a file that grew since is refused rather than cut short.
            var buffer = new byte[size + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(total), total)) > 0) total += read;
            if (total > size) throw fail("changed while it was read; try again once it is written.", null);
            return buffer[..total];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw fail($"cannot be read ({e.Message}).", e);
        }
    }

    private static SafeFileHandle OpenWithoutBlocking(string path, Func<string, Exception?, Exception> fail)
    {
        var fd = open(path, OpenReadOnlyNonBlocking);
        if (fd < 0) throw fail(Describe(Marshal.GetLastPInvokeError()), null);
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var status = new byte[256];
            if (statx(fd, "", AtEmptyPath, StatxType | StatxSize, status) != 0)
                throw fail(Describe(Marshal.GetLastPInvokeError()), null);
            // struct statx keeps stx_mode, a native-endian 16-bit field, at byte 28 on every architecture.
            var mode = BitConverter.ToUInt16(status, 28) & FileTypeMask;
            if (mode != RegularType)
                throw fail($"is not a regular file (it is a {TypeName(mode)}); point it at a regular file.", null);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static SafeFileHandle OpenPortable(string path, Func<string, Exception?, Exception> fail)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw fail("does not exist.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw fail($"cannot be opened ({e.Message}).", e);
        }
    }

    private static string Describe(int errno) => errno switch
    {
        1 or 13 => "cannot be read: permission denied (check the file's owner and mode, and those of its folders).",
        2 => "does not exist.",
        20 => "does not exist (a part of its path is not a folder).",
        21 => "is a folder, not a file.",
        40 => "cannot be opened: too many levels of symbolic links.",
        _ => $"cannot be opened ({Marshal.GetPInvokeErrorMessage(errno)}).",
    };

    private static string TypeName(int mode) => mode switch
    {
        0x1000 => "FIFO (named pipe)",
        0x2000 => "character device",
        0x4000 => "folder",
        0x6000 => "block device",
        0xC000 => "socket",
        _ => "special file",
    };

#pragma warning disable SYSLIB1054 // DllImport, not LibraryImport: the project does not allow unsafe code, and these signatures need no marshalling code.
    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
#pragma warning restore SYSLIB1054
}
