using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ResearchKit.Imaging;

/// <summary>
/// Resizes 8-bit images so the result equals Pillow's <c>Image.resize</c> byte for byte: separable
/// convolution, horizontal pass first into a clipped uint8 intermediate, then vertical, with 22-bit
/// fixed-point weights and Pillow's rounding. NEAREST follows Pillow's affine scaling. Rows are split across threads; each output pixel is computed the same way
/// whatever the split, so results do not depend on the thread count.
/// </summary>
public static class PillowResampler
{
    private const int Half = 1 << (ResizeCoefficients.PrecisionBits - 1);

    // Below this many multiply-adds a resize stays on the calling thread.
    private const long ParallelThreshold = 4_000_000;

    /// <summary>Resizes an image the way Pillow's <c>Image.resize</c> does.</summary>
    /// <param name="source">The image; its alpha channel is resampled only when its mode has alpha.</param>
    /// <param name="width">Width of the full resized image.</param>
    /// <param name="height">Height of the full resized image.</param>
    /// <param name="window">The part of the resized image to compute (default: all of it).</param>
    /// <param name="filter">The filter; palette images should be passed <see cref="ResamplingFilter.Nearest"/>.</param>
    /// <param name="maxThreads">Upper bound on threads for large images (default: all cores; 1 keeps it on the caller's thread).</param>
    public static RgbaImage Resize(RgbaImage source, int width, int height, ResamplingFilter filter, PixelWindow? window = null, int maxThreads = -1)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var win = window ?? PixelWindow.Full(width, height);
        if (win.X < 0 || win.Y < 0 || win.Width <= 0 || win.Height <= 0 || win.X + win.Width > width || win.Y + win.Height > height)
            throw new ArgumentOutOfRangeException(nameof(window), win, $"window must lie inside the {width}x{height} output");

        if (width == source.Width && height == source.Height)
            return Crop(source, win);  // Pillow returns a copy when the size is unchanged.
        if (filter == ResamplingFilter.Nearest)
            return Nearest(source, width, height, win);

        var channels = source.HasAlpha ? 4 : 3;
        var image = source;
        var needHorizontal = width != source.Width;
        var needVertical = height != source.Height;
        var vertical = needVertical ? ResizeCoefficients.Compute(source.Height, height, filter) : null;

        if (needHorizontal)
        {
            var horizontal = ResizeCoefficients.Compute(source.Width, width, filter);
            // Only the source rows the vertical pass will read need the horizontal pass.
            int firstRow, lastRow;
            if (vertical is not null)
            {
                firstRow = vertical.First[win.Y];
                var last = win.Y + win.Height - 1;
                lastRow = vertical.First[last] + vertical.Count[last];
            }
            else
            {
                firstRow = win.Y;
                lastRow = win.Y + win.Height;
            }
            var temp = new RgbaImage(win.Width, lastRow - firstRow, source.Mode);
            ResampleHorizontal(source, temp, firstRow, win.X, horizontal, channels, maxThreads);
            image = temp;
            if (vertical is null) return temp;
            return ResampleVertical(image, win.Width, vertical, win.Y, win.Height, firstRow, channels, source.Mode, maxThreads);
        }

        // Height changes only: crop columns first (each column is independent), then the vertical pass.
        var columns = win.X == 0 && win.Width == source.Width ? source : Crop(source, new PixelWindow(win.X, 0, win.Width, source.Height));
        return ResampleVertical(columns, win.Width, vertical!, win.Y, win.Height, 0, channels, source.Mode, maxThreads);
    }

    /// <summary>Copies a rectangle out of an image.</summary>
    public static RgbaImage Crop(RgbaImage source, PixelWindow window)
    {
        var result = new RgbaImage(window.Width, window.Height, source.Mode);
        for (var y = 0; y < window.Height; y++)
            source.Pixels.AsSpan(((window.Y + y) * source.Width + window.X) * 4, window.Width * 4)
                .CopyTo(result.Pixels.AsSpan(y * window.Width * 4));
        return result;
    }

    private static void ResampleHorizontal(RgbaImage source, RgbaImage target, int firstRow, int firstColumn, ResizeCoefficients k, int channels, int maxThreads)
    {
        var work = (long)target.Height * target.Width * k.KernelSize * channels;
        if (work < ParallelThreshold || maxThreads == 1)
        {
            HorizontalRows(source, target, firstRow, firstColumn, k, channels, 0, target.Height);
            return;
        }
        var blocks = Math.Min(Environment.ProcessorCount * 4, target.Height);
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxThreads }, b =>
        {
            var start = (int)((long)target.Height * b / blocks);
            var end = (int)((long)target.Height * (b + 1) / blocks);
            HorizontalRows(source, target, firstRow, firstColumn, k, channels, start, end);
        });
    }

    private static void HorizontalRows(RgbaImage source, RgbaImage target, int firstRow, int firstColumn, ResizeCoefficients k, int channels, int start, int end)
    {
        ref var src = ref MemoryMarshal.GetArrayDataReference(source.Pixels);
        ref var dst = ref MemoryMarshal.GetArrayDataReference(target.Pixels);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(k.Weights);
        var sourceStride = source.Width * 4;
        var width = target.Width;
        for (var y = start; y < end; y++)
        {
            var rowOffset = (y + firstRow) * sourceStride;
            var outOffset = y * width * 4;
            for (var x = 0; x < width; x++)
            {
                var xx = x + firstColumn;
                var count = k.Count[xx];
                ref var w = ref Unsafe.Add(ref weights, xx * k.KernelSize);
                ref var p = ref Unsafe.Add(ref src, rowOffset + k.First[xx] * 4);
                int s0 = Half, s1 = Half, s2 = Half, s3 = Half;
                if (channels == 4)
                {
                    for (var t = 0; t < count; t++)
                    {
                        var wt = Unsafe.Add(ref w, t);
                        s0 += Unsafe.Add(ref p, 0) * wt;
                        s1 += Unsafe.Add(ref p, 1) * wt;
                        s2 += Unsafe.Add(ref p, 2) * wt;
                        s3 += Unsafe.Add(ref p, 3) * wt;
                        p = ref Unsafe.Add(ref p, 4);
                    }
                }
                else
                {
                    for (var t = 0; t < count; t++)
                    {
                        var wt = Unsafe.Add(ref w, t);
                        s0 += Unsafe.Add(ref p, 0) * wt;
                        s1 += Unsafe.Add(ref p, 1) * wt;
                        s2 += Unsafe.Add(ref p, 2) * wt;
                        p = ref Unsafe.Add(ref p, 4);
                    }
                    s3 = 255 << ResizeCoefficients.PrecisionBits;
                }
                ref var o = ref Unsafe.Add(ref dst, outOffset + x * 4);
                o = Clip8(s0);
                Unsafe.Add(ref o, 1) = Clip8(s1);
                Unsafe.Add(ref o, 2) = Clip8(s2);
                Unsafe.Add(ref o, 3) = Clip8(s3);
            }
        }
    }

    private static RgbaImage ResampleVertical(RgbaImage source, int width, ResizeCoefficients k, int firstOut, int outRows, int rowShift, int channels, SourceMode mode, int maxThreads)
    {
        var target = new RgbaImage(width, outRows, mode);
        var work = (long)outRows * width * k.KernelSize * channels;
        if (work < ParallelThreshold || maxThreads == 1)
        {
            VerticalRows(source, target, k, firstOut, rowShift, channels, 0, outRows);
            return target;
        }
        var blocks = Math.Min(Environment.ProcessorCount * 4, outRows);
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxThreads }, b =>
        {
            var start = (int)((long)outRows * b / blocks);
            var end = (int)((long)outRows * (b + 1) / blocks);
            VerticalRows(source, target, k, firstOut, rowShift, channels, start, end);
        });
        return target;
    }

    private static void VerticalRows(RgbaImage source, RgbaImage target, ResizeCoefficients k, int firstOut, int rowShift, int channels, int start, int end)
    {
        ref var src = ref MemoryMarshal.GetArrayDataReference(source.Pixels);
        ref var dst = ref MemoryMarshal.GetArrayDataReference(target.Pixels);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(k.Weights);
        var stride = source.Width * 4;
        var width = target.Width;
        for (var y = start; y < end; y++)
        {
            var yy = y + firstOut;
            var count = k.Count[yy];
            var top = k.First[yy] - rowShift;
            ref var w = ref Unsafe.Add(ref weights, yy * k.KernelSize);
            for (var x = 0; x < width; x++)
            {
                ref var p = ref Unsafe.Add(ref src, top * stride + x * 4);
                int s0 = Half, s1 = Half, s2 = Half, s3 = Half;
                for (var t = 0; t < count; t++)
                {
                    var wt = Unsafe.Add(ref w, t);
                    s0 += Unsafe.Add(ref p, 0) * wt;
                    s1 += Unsafe.Add(ref p, 1) * wt;
                    s2 += Unsafe.Add(ref p, 2) * wt;
                    if (channels == 4) s3 += Unsafe.Add(ref p, 3) * wt;
                    p = ref Unsafe.Add(ref p, stride);
                }
                if (channels != 4) s3 = 255 << ResizeCoefficients.PrecisionBits;
                ref var o = ref Unsafe.Add(ref dst, (y * width + x) * 4);
                o = Clip8(s0);
                Unsafe.Add(ref o, 1) = Clip8(s1);
                Unsafe.Add(ref o, 2) = Clip8(s2);
                Unsafe.Add(ref o, 3) = Clip8(s3);
            }
        }
    }

    private static RgbaImage Nearest(RgbaImage source, int width, int height, PixelWindow win)
    {
        var result = new RgbaImage(win.Width, win.Height, source.Mode);
        var columns = NearestPositions(source.Width, width, win.X, win.Width);
        var rows = NearestPositions(source.Height, height, win.Y, win.Height);
        var src = source.Pixels;
        var dst = result.Pixels;
        for (var y = 0; y < win.Height; y++)
            for (var x = 0; x < win.Width; x++)
                Buffer.BlockCopy(src, (rows[y] * source.Width + columns[x]) * 4, dst, (y * win.Width + x) * 4, 4);
        return result;
    }

    /// <summary>
    /// Source index per output index for NEAREST. Pillow accumulates the position (start at half a step,
    /// add one step per pixel) instead of multiplying, and the rounding of that sum decides which source
    /// pixel wins at exact boundaries, so the sum is reproduced here.
    /// </summary>
    private static int[] NearestPositions(int inSize, int outSize, int first, int count)
    {
        var step = (double)inSize / outSize;
        var position = step * 0.5;
        var result = new int[count];
        for (var i = 0; i < first + count; i++, position += step)
            if (i >= first)
                result[i - first] = Math.Clamp((int)position, 0, inSize - 1);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Clip8(int value)
    {
        if (value >= 255 << ResizeCoefficients.PrecisionBits) return 255;
        if (value <= 0) return 0;
        return (byte)(value >> ResizeCoefficients.PrecisionBits);
    }
}
