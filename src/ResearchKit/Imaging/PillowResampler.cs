namespace ResearchKit.Imaging;

/// <summary>
/// Resizes 8-bit images so the result equals Pillow's <c>Image.resize</c> byte for byte: separable
/// convolution, horizontal pass first into a clipped uint8 intermediate, then vertical, with 22-bit
/// fixed-point weights and Pillow's rounding. NEAREST follows Pillow's affine scaling. Rows are split across threads; each output pixel is computed the same way
/// whatever the split, so results do not depend on the thread count.
/// </summary>
public static class PillowResampler
{
    // Below this many multiply-adds a resize stays on the calling thread.
    private const long ParallelThreshold = 4_000_000;

    /// <summary>Resizes an image the way Pillow's <c>Image.resize</c> does.</summary>
    /// <param name="source">The image; its alpha channel is resampled only when its mode has alpha.</param>
    /// <param name="width">Width of the full resized image.</param>
    /// <param name="height">Height of the full resized image.</param>
    /// <param name="window">The part of the resized image to compute (default: all of it).</param>
    /// <param name="filter">The filter; palette images should be passed <see cref="ResamplingFilter.Nearest"/>.</param>
    /// <param name="maxThreads">Upper bound on threads for large images (default: all cores; 1 keeps it on the caller's thread).</param>
    public static RgbaImage Resize(RgbaImage source, int width, int height, ResamplingFilter filter, PixelWindow? window = null, int maxThreads = -1) =>
        Resize(source, width, height, filter, window, maxThreads, vectorized: true);

    /// <summary>As the public overload; <paramref name="vectorized"/> false forces the scalar reference path (for tests).</summary>
    internal static RgbaImage Resize(RgbaImage source, int width, int height, ResamplingFilter filter, PixelWindow? window, int maxThreads, bool vectorized)
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
        var vertical = height != source.Height ? new VerticalResampler(ResizeCoefficients.Compute(source.Height, height, filter), vectorized) : null;

        if (width != source.Width)
        {
            var horizontal = new HorizontalResampler(ResizeCoefficients.Compute(source.Width, width, filter), source.Width, win.X, win.Width, vectorized);
            // Only the source rows the vertical pass will read need the horizontal pass.
            var (firstRow, endRow) = vertical is null
                ? (win.Y, win.Y + win.Height)
                : (vertical.FirstSourceRow(win.Y), vertical.EndSourceRow(win.Y + win.Height - 1));
            var temp = new RgbaImage(win.Width, endRow - firstRow, source.Mode);
            ResampleHorizontal(source, temp, firstRow, horizontal, channels, maxThreads);
            if (vertical is null) return temp;
            return ResampleVertical(temp, win.Width, vertical, win.Y, win.Height, firstRow, channels, source.Mode, maxThreads);
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

    private static void ResampleHorizontal(RgbaImage source, RgbaImage target, int firstRow, HorizontalResampler pass, int channels, int maxThreads)
    {
        var work = (long)target.Height * target.Width * pass.Taps * channels;
        var sourceStride = source.Width * 4;
        var targetStride = target.Width * 4;
        ForRows(target.Height, work, maxThreads, (start, end) =>
        {
            for (var y = start; y < end; y++)
                pass.Resample(source.Pixels.AsSpan((y + firstRow) * sourceStride, sourceStride), target.Pixels.AsSpan(y * targetStride, targetStride), channels);
        });
    }

    private static RgbaImage ResampleVertical(RgbaImage source, int width, VerticalResampler pass, int firstOut, int outRows, int rowShift, int channels, SourceMode mode, int maxThreads)
    {
        var target = new RgbaImage(width, outRows, mode);
        var stride = source.Width * 4;
        var work = (long)outRows * width * (pass.EndSourceRow(firstOut) - pass.FirstSourceRow(firstOut)) * channels;
        ForRows(outRows, work, maxThreads, (start, end) =>
        {
            for (var y = start; y < end; y++)
                pass.Resample(source.Pixels, stride, rowShift, y + firstOut, target.Pixels.AsSpan(y * width * 4, width * 4), channels);
        });
        return target;
    }

    /// <summary>Runs <paramref name="body"/> over row blocks, on the calling thread when the work is small or one thread is asked for.</summary>
    private static void ForRows(int rows, long work, int maxThreads, Action<int, int> body)
    {
        if (work < ParallelThreshold || maxThreads == 1 || rows < 2)
        {
            body(0, rows);
            return;
        }
        var blocks = Math.Min(Environment.ProcessorCount * 4, rows);
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxThreads }, b =>
            body((int)((long)rows * b / blocks), (int)((long)rows * (b + 1) / blocks)));
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
}
