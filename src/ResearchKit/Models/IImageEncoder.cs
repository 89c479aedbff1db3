using ResearchKit.Imaging;

namespace ResearchKit.Models;

/// <summary>Runs an image tower on preprocessed tensors.</summary>
public interface IImageEncoder : IDisposable
{
    /// <summary>Length of the vectors this encoder returns.</summary>
    int Dimension { get; }

    /// <summary>Embeds a batch of preprocessed images; all must have the same shape.</summary>
    EmbeddingBatch Encode(IReadOnlyList<ImageTensor> images, CancellationToken cancellationToken = default);
}
