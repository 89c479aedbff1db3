namespace ResearchKit.Imaging;

/// <summary>One preprocessed image as float32 CHW (channels, height, width), ready to batch as NCHW.</summary>
public sealed class ImageTensor
{
    public ImageTensor(float[] data, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != channels * height * width)
            throw new ArgumentException($"Tensor data has {data.Length} values but shape {channels}x{height}x{width} needs {channels * height * width}.", nameof(data));
        Data = data;
        Channels = channels;
        Height = height;
        Width = width;
    }

    public float[] Data { get; }
    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }

    /// <summary>Shape as NCHW with a batch of one, the way the reference fixtures and ONNX inputs describe it.</summary>
    public int[] Shape => [1, Channels, Height, Width];
}
