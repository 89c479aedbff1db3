using ResearchKit.Imaging;

namespace ResearchKit.Models;

/// <summary>Runs an image tower on preprocessed tensors.</summary>
public interface IImageEncoder : IDisposable
{
    /// <summary>Length of the vectors this encoder returns.</summary>
    int Dimension { get; }

    /// <summary>The graph's fixed batch size, or null when any batch size runs (what batching tuners must respect).</summary>
    int? BatchSize => null;

    /// <summary>Embeds a batch of preprocessed images; all must have the same shape.</summary>
    EmbeddingBatch Encode(IReadOnlyList<ImageTensor> images, CancellationToken cancellationToken = default);
}
