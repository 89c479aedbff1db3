using Microsoft.ML.OnnxRuntime;
using ResearchKit.Imaging;
using ResearchKit.Models;

namespace ResearchKit.Benchmarks;

/// <summary>
/// The runtime alone: a second session on the model's image tower runs batches built beforehand from ready
/// tensors, so its images/s is the ceiling a file-to-vector pipeline is compared with.
/// </summary>
public sealed class BareInference : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;
    private readonly ImageTensor[] _tensors;
    private readonly List<OrtValue> _batches = [];

    /// <summary>Opens the image tower of <paramref name="model"/> with <paramref name="options"/> over <paramref name="tensors"/>.</summary>
    public BareInference(EmbeddingModel model, EncoderOptions options, ImageTensor[] tensors)
    {
        var onnx = model.Directory.ImageModelPath ?? throw new ModelLoadException(model.Directory.Root, "this model has no image tower.");
        _session = OnnxSessionFactory.Create(onnx, options);
        _input = _session.InputMetadata.First(i => i.Value.ElementType == typeof(float)).Key;
        _output = model.ImageEncoder is OnnxImageEncoder encoder ? encoder.Output.OutputName : _session.OutputMetadata.Keys.First();
        _tensors = tensors;
    }

    /// <summary>Cuts the tensors into input batches of <paramref name="batch"/> (the last may be shorter).</summary>
    public void UseBatchSize(int batch)
    {
        DisposeBatches();
        for (var start = 0; start < _tensors.Length; start += batch)
        {
            var part = _tensors[start..Math.Min(start + batch, _tensors.Length)];
            var per = part[0].Data.Length;
            var data = new float[part.Length * per];
            for (var i = 0; i < part.Length; i++) part[i].Data.CopyTo(data, i * per);
            _batches.Add(OrtValue.CreateTensorValueFromMemory(data, [part.Length, part[0].Channels, part[0].Height, part[0].Width]));
        }
    }

    /// <summary>Runs every batch once.</summary>
    public void RunAll()
    {
        using var run = new RunOptions();
        foreach (var value in _batches)
            using (_session.Run(run, [_input], [value], [_output])) { }
    }

    public void Dispose()
    {
        DisposeBatches();
        _session.Dispose();
    }

    private void DisposeBatches()
    {
        foreach (var value in _batches) value.Dispose();
        _batches.Clear();
    }
}
