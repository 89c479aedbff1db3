using Microsoft.ML.OnnxRuntime;
using ResearchKit.Imaging;

namespace ResearchKit.Models;

/// <summary>An image tower behind an ONNX Runtime session. Thread-safe: ORT sessions allow concurrent Run calls.</summary>
public sealed class OnnxImageEncoder : IImageEncoder
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly long[] _declaredShape;
    private readonly EmbeddingOutput _output;
    private readonly string _path;

    public OnnxImageEncoder(ModelDirectory model, EncoderOptions? options = null)
    {
        options ??= EncoderOptions.Default;
        _path = model.ImageModelPath ?? throw new ModelLoadException(model.Root, "this model has no image tower (no vision ONNX file).");
        _session = OnnxSessionFactory.Create(_path, options);
        try
        {
            var input = _session.InputMetadata.FirstOrDefault(i => i.Value.ElementType == typeof(float));
            if (input.Key is null)
                throw new ModelLoadException(_path, $"no float image input (inputs: {string.Join(", ", _session.InputMetadata.Keys)}).");
            _inputName = input.Key;
            _declaredShape = [.. input.Value.Dimensions.Select(d => (long)d)];
            BatchSize = FixedBatch.Of(_declaredShape);
            _output = OutputSelector.ForImage(_session, model, options.DinoPooling);
            Dimension = ProbeDimension();
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public int Dimension { get; }

    /// <summary>The output read and how it is pooled.</summary>
    public EmbeddingOutput Output => _output;

    /// <summary>The input's declared [N, C, H, W]; -1 marks a dynamic axis.</summary>
    public IReadOnlyList<long> DeclaredInputShape => _declaredShape;

    /// <summary>The graph's fixed batch size (Immich exports: 1), or null when the batch axis is dynamic; batches are fed in chunks of it.</summary>
    public int? BatchSize { get; }

    public EmbeddingBatch Encode(IReadOnlyList<ImageTensor> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) return new EmbeddingBatch([]);
        var first = images[0];
        for (var i = 0; i < images.Count; i++)
        {
            var t = images[i];
            if (t.Channels != first.Channels || t.Height != first.Height || t.Width != first.Width)
                throw new TensorShapeException(_path, _inputName, $"{first.Channels}x{first.Height}x{first.Width} for every image in a batch", $"{t.Channels}x{t.Height}x{t.Width} at index {i}");
        }
        CheckShape([images.Count, first.Channels, first.Height, first.Width]);
        var vectors = FixedBatch.Run(images, BatchSize, chunk => RunChunk(chunk, cancellationToken), _path, _inputName);
        return new EmbeddingBatch(vectors, _output.AlreadyNormalized);
    }

    private float[][] RunChunk(IReadOnlyList<ImageTensor> images, CancellationToken cancellationToken)
    {
        var first = images[0];
        var per = first.Data.Length;
        var data = new float[images.Count * per];
        for (var i = 0; i < images.Count; i++) images[i].Data.CopyTo(data, i * per);
        return Run(data, [images.Count, first.Channels, first.Height, first.Width], cancellationToken);
    }

    private void CheckShape(long[] shape)
    {
        if (_declaredShape.Length != 4) return;
        for (var axis = 1; axis < 4; axis++)
            if (_declaredShape[axis] > 0 && _declaredShape[axis] != shape[axis])
                throw new TensorShapeException(_path, _inputName, $"[{string.Join(",", _declaredShape)}]", $"[{string.Join(",", shape)}]");
    }

    private float[][] Run(float[] data, long[] shape, CancellationToken cancellationToken)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(data, shape);
        using var runOptions = new RunOptions();
        // ORT checks Terminate between kernels, so a cancelled batch stops mid-graph.
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        try
        {
            using var results = _session.Run(runOptions, [_inputName], [input], [_output.OutputName]);
            return OutputSelector.Read(results[0], _output, _path);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private int ProbeDimension()
    {
        // Output metadata often leaves the last axis symbolic; run one blank image when it does.
        var meta = _session.OutputMetadata[_output.OutputName].Dimensions;
        var last = meta[^1];
        if (last > 0) return _output.Pooling == EmbeddingPooling.ClsPlusMeanPatch ? 2 * last : last;
        var c = _declaredShape.Length == 4 && _declaredShape[1] > 0 ? _declaredShape[1] : 3;
        var h = _declaredShape.Length == 4 && _declaredShape[2] > 0 ? _declaredShape[2] : 224;
        var w = _declaredShape.Length == 4 && _declaredShape[3] > 0 ? _declaredShape[3] : 224;
        var n = BatchSize ?? 1;
        return Run(new float[n * c * h * w], [n, c, h, w], CancellationToken.None)[0].Length;
    }

    public void Dispose() => _session.Dispose();
}
