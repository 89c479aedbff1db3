namespace ResearchKit.Imaging;

/// <summary>How the target size of the resize step is chosen.</summary>
public enum ResizeMode
{
    /// <summary>No resize.</summary>
    None,
    /// <summary>Resize to exactly <c>Width x Height</c>, ignoring aspect ratio (SigLIP).</summary>
    Exact,
    /// <summary>Short side to <c>ShortestEdge</c>, long side scaled and truncated (DINOv2, CLIP).</summary>
    ShortestEdge,
}
