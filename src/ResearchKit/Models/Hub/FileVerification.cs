namespace ResearchKit.Models.Hub;

/// <summary>The check of one file: what the registry expects, what is on disk, and what could be checked.</summary>
public sealed record FileVerification
{
    public required string Path { get; init; }
    public required FileCheckStatus Status { get; init; }
    public long? ExpectedSize { get; init; }
    public long? ActualSize { get; init; }
    public string? ExpectedSha256 { get; init; }
    public string? ActualSha256 { get; init; }
    /// <summary>For an external-data file: the graph (repository path) that reads it.</summary>
    public string? ExternalDataOf { get; init; }
    /// <summary>For an external-data file: the bytes its graph reads, at least.</summary>
    public long? RequiredSize { get; init; }

    /// <summary>True when the status is <see cref="FileCheckStatus.Ok"/>.</summary>
    public bool Ok => Status == FileCheckStatus.Ok;

    /// <summary>What the check covered: "size and sha256", or less where the registry records less.</summary>
    public string Checked => (ExpectedSize, ExpectedSha256) switch
    {
        (null, null) when ExternalDataOf is not null => $"external data of {ExternalDataOf}: present and long enough for the graph",
        (not null, not null) => "size and sha256",
        (not null, null) => "size only (no sha256 in the registry)",
        (null, not null) => "sha256 only (no size in the registry)",
        _ => "presence only (no size or sha256 in the registry)",
    };

    /// <summary>One line for people: the file, and why it failed or what was checked.</summary>
    public string Describe() => Status switch
    {
        FileCheckStatus.Ok => $"{Path}: ok ({Checked})",
        FileCheckStatus.Missing => ExternalDataOf is null ? $"{Path}: missing" : $"{Path}: missing (external data of {ExternalDataOf})",
        FileCheckStatus.SizeMismatch => $"{Path}: size {ActualSize} bytes, expected {ExpectedSize}",
        FileCheckStatus.HashMismatch => $"{Path}: sha256 {ActualSha256}, expected {ExpectedSha256}",
        FileCheckStatus.Truncated => $"{Path}: {ActualSize} bytes, but {ExternalDataOf} reads up to byte {RequiredSize}",
        _ => $"{Path}: {Status}",
    };
}
