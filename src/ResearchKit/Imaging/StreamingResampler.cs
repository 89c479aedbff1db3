using System.Buffers;
using ResearchKit.Imaging.Jpeg;

namespace ResearchKit.Imaging;

/// <summary>
/// Pillow's resize run on rows as a decoder produces them: each needed source row goes through the
/// horizontal pass while it is still in cache, only the rows the vertical pass reads are kept (the
/// full-size image is never stored), and the vertical pass writes the crop window straight into the
/// tensor. Same arithmetic as <see cref="PillowResampler"/>, so the same bytes. Not for NEAREST.
/// </summary>
internal sealed class StreamingResampler : IRgbaRowSink, IDisposable
{
    private readonly HorizontalResampler? _horizontal;
    private readonly VerticalResampler? _vertical;
    private readonly PixelWindow _window;
    private readonly int _channels;
    private readonly int _rowBytes;
    private readonly int _columnOffset;
    private readonly ImageTensorWriter _tensor;
    private readonly PreprocessStageTimes? _stages;
    private byte[]? _rows;
    private byte[]? _row;

    /// <param name="sourceWidth">Width of the decoded image.</param>
    /// <param name="sourceHeight">Height of the decoded image.</param>
    /// <param name="channels">3 (alpha forced to 255) or 4.</param>
    /// <param name="size">Size of the full resized image.</param>
    /// <param name="window">The part of the resized image that is kept.</param>
    /// <param name="filter">A convolution filter.</param>
    /// <param name="tensor">Receives the window's rows.</param>
    /// <param name="stages">Optional stage clock (benchmark use).</param>
    public StreamingResampler(int sourceWidth, int sourceHeight, int channels, (int Width, int Height) size, PixelWindow window, ResamplingFilter filter,
        ImageTensorWriter tensor, PreprocessStageTimes? stages = null)
    {
        _stages = stages;
        _window = window;
        _channels = channels;
        _tensor = tensor;
        if (size.Width != sourceWidth)
            _horizontal = new HorizontalResampler(ResizeCoefficients.Compute(sourceWidth, size.Width, filter), sourceWidth, window.X, window.Width);
        if (size.Height != sourceHeight)
            _vertical = new VerticalResampler(ResizeCoefficients.Compute(sourceHeight, size.Height, filter));
        (FirstRowNeeded, RowsNeeded) = _vertical is null
            ? (window.Y, window.Y + window.Height)
            : (_vertical.FirstSourceRow(window.Y), _vertical.EndSourceRow(window.Y + window.Height - 1));
        // Without a horizontal pass the kept rows are whole source rows and the window's columns are read in place.
        _rowBytes = _horizontal is null ? sourceWidth * 4 : window.Width * 4;
        _columnOffset = _horizontal is null ? window.X * 4 : 0;
        _rows = ArrayPool<byte>.Shared.Rent((RowsNeeded - FirstRowNeeded) * _rowBytes);
        if (_horizontal is not null) _row = ArrayPool<byte>.Shared.Rent(sourceWidth * 4);
    }

    public int FirstRowNeeded { get; }
    public int RowsNeeded { get; }

    public Span<byte> Row(int y) => _horizontal is null ? _rows.AsSpan((y - FirstRowNeeded) * _rowBytes, _rowBytes) : _row;

    public void Commit(int y)
    {
        if (_horizontal is null) return;
        var start = _stages is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        _horizontal.Resample(_row, _rows.AsSpan((y - FirstRowNeeded) * _rowBytes, _rowBytes), _channels);
        if (_stages is not null) _stages.Horizontal += System.Diagnostics.Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Runs the vertical pass over the kept rows into the tensor and returns it.</summary>
    public ImageTensor Finish()
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var kept = _rows.AsSpan(_columnOffset);
        var width = _window.Width * 4;
        var output = _vertical is null ? null : ArrayPool<byte>.Shared.Rent(width);
        for (var y = 0; y < _window.Height; y++)
        {
            if (_vertical is null)
                _tensor.WriteRow(y, kept.Slice((_window.Y + y - FirstRowNeeded) * _rowBytes, width));
            else
            {
                _vertical.Resample(kept, _rowBytes, FirstRowNeeded, _window.Y + y, output.AsSpan(0, width), _channels);
                _tensor.WriteRow(y, output.AsSpan(0, width));
            }
        }
        if (output is not null) ArrayPool<byte>.Shared.Return(output);
        if (_stages is not null) _stages.Vertical += System.Diagnostics.Stopwatch.GetElapsedTime(start);
        return _tensor.Tensor;
    }

    public void Dispose()
    {
        if (_rows is not null) ArrayPool<byte>.Shared.Return(_rows);
        if (_row is not null) ArrayPool<byte>.Shared.Return(_row);
        _rows = _row = null;
    }
}
