namespace ResearchKit.Models.Hub;

/// <summary>Outcome of checking one model file against the registry.</summary>
public enum FileCheckStatus
{
    /// <summary>Present, and matches everything the registry records for it.</summary>
    Ok,
    /// <summary>Not in the model directory (or a dangling link).</summary>
    Missing,
    /// <summary>Present with a different size.</summary>
    SizeMismatch,
    /// <summary>Present, right size, different SHA-256.</summary>
    HashMismatch,
    /// <summary>An external-data file shorter than the bytes its graph reads from it.</summary>
    Truncated,
}
