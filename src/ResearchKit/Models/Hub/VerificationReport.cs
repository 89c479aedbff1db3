namespace ResearchKit.Models.Hub;

/// <summary>Per-file result of checking a model directory against its registry entry.</summary>
/// <param name="Model">The registry name checked.</param>
/// <param name="Directory">The directory whose files were checked.</param>
/// <param name="Files">One result per registry file, in registry order.</param>
public sealed record VerificationReport(string Model, string Directory, IReadOnlyList<FileVerification> Files)
{
    /// <summary>True when every file is present and matches what the registry records.</summary>
    public bool Ok => Files.All(f => f.Ok);

    /// <summary>The files that failed.</summary>
    public IEnumerable<FileVerification> Failures => Files.Where(f => !f.Ok);

    /// <summary>True when every file had both size and sha256 to check against.</summary>
    public bool Complete => Files.All(f => f.ExpectedSize is not null && f.ExpectedSha256 is not null);
}
