using Microsoft.ML.OnnxRuntime;

namespace ResearchKit.Models;

/// <summary>A text tower behind an ONNX Runtime session. Thread-safe.</summary>
public sealed class OnnxTextEncoder : ITextEncoder
{
    private readonly InferenceSession _session;
    private readonly string _idsName;
    private readonly bool _idsAreInt64;
    private readonly string? _maskName;
    private readonly EmbeddingOutput _output;
    private readonly string _path;

    public OnnxTextEncoder(ModelDirectory model, EncoderOptions? options = null)
    {
        options ??= EncoderOptions.Default;
        _path = model.TextModelPath ?? throw new ModelLoadException(model.Root, $"this {model.Family} model has no text tower, so it cannot embed text. Use a SigLIP or CLIP model for text queries.");
        _session = OnnxSessionFactory.Create(_path, options);
        try
        {
            var ids = _session.InputMetadata.FirstOrDefault(i => i.Key is "input_ids" or "text");
            if (ids.Key is null) ids = _session.InputMetadata.FirstOrDefault(i => i.Value.ElementType == typeof(long) || i.Value.ElementType == typeof(int));
            if (ids.Key is null)
                throw new ModelLoadException(_path, $"no integer token-id input (inputs: {string.Join(", ", _session.InputMetadata.Keys)}).");
            _idsName = ids.Key;
            _idsAreInt64 = ids.Value.ElementType == typeof(long);
            _maskName = _session.InputMetadata.Keys.FirstOrDefault(k => k == "attention_mask");
            var declared = ids.Value.Dimensions;
            ContextLength = declared.Length == 2 && declared[1] > 0 ? declared[1] : model.ContextLength;
            BatchSize = FixedBatch.Of([.. declared.Select(d => (long)d)]);
            _output = OutputSelector.ForText(_session, model);
            Dimension = Encode([new int[ContextLength]]).Raw[0].Length;
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public int Dimension { get; }
    public int ContextLength { get; }

    /// <summary>The graph's fixed batch size (Immich exports: 1), or null when the batch axis is dynamic; batches are fed in chunks of it.</summary>
    public int? BatchSize { get; }

    /// <summary>The output read, and whether the graph normalises it already.</summary>
    public EmbeddingOutput Output => _output;

    /// <summary>True when the graph takes int32 token ids (Immich's <c>text</c> input) rather than int64.</summary>
    public bool TakesInt32Ids => !_idsAreInt64;

    /// <summary>The name of the token-id input (<c>input_ids</c>, or <c>text</c> in Immich and open_clip exports).</summary>
    public string IdsInput => _idsName;

    public EmbeddingBatch Encode(IReadOnlyList<int[]> tokenIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        if (tokenIds.Count == 0) return new EmbeddingBatch([]);
        for (var i = 0; i < tokenIds.Count; i++)
            if (tokenIds[i].Length != ContextLength)
                throw new TensorShapeException(_path, _idsName, $"[{tokenIds.Count},{ContextLength}]", $"a sequence of {tokenIds[i].Length} ids at index {i}");
        var vectors = FixedBatch.Run(tokenIds, BatchSize, chunk => RunChunk(chunk, cancellationToken), _path, _idsName);
        return new EmbeddingBatch(vectors, _output.AlreadyNormalized);
    }

    private float[][] RunChunk(IReadOnlyList<int[]> tokenIds, CancellationToken cancellationToken)
    {
        long[] shape = [tokenIds.Count, ContextLength];
        var count = tokenIds.Count * ContextLength;

        var inputs = new List<OrtValue>();
        var names = new List<string> { _idsName };
        try
        {
            if (_idsAreInt64)
            {
                var flat = new long[count];
                for (var i = 0; i < tokenIds.Count; i++)
                    for (var j = 0; j < ContextLength; j++) flat[i * ContextLength + j] = tokenIds[i][j];
                inputs.Add(OrtValue.CreateTensorValueFromMemory(flat, shape));
            }
            else
            {
                var flat = new int[count];
                for (var i = 0; i < tokenIds.Count; i++) tokenIds[i].CopyTo(flat, i * ContextLength);
                inputs.Add(OrtValue.CreateTensorValueFromMemory(flat, shape));
            }
            if (_maskName is not null)
            {
                // CLIP-style towers are causal and pool at eot, so an all-ones mask gives the same vector
                // as masking the padding; SigLIP was trained without a mask at all.
                var mask = new long[count];
                Array.Fill(mask, 1L);
                inputs.Add(OrtValue.CreateTensorValueFromMemory(mask, shape));
                names.Add(_maskName);
            }
            using var runOptions = new RunOptions();
            using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
            try
            {
                using var results = _session.Run(runOptions, names, inputs, [_output.OutputName]);
                return OutputSelector.Read(results[0], _output, _path);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
        finally
        {
            foreach (var v in inputs) v.Dispose();
        }
    }

    public void Dispose() => _session.Dispose();
}
