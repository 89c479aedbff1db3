namespace ResearchKit.Tests.Embeddings;

/// <summary>The single-node Slurm cluster scripts/slurm-local.sh runs for the tests, and the emoji data they index.</summary>
public static class SlurmCluster
{
    /// <summary>The cluster's slurm.conf: SLURM_CONF, else where slurm-local.sh writes it.</summary>
    public static string Config { get; } = Environment.GetEnvironmentVariable("SLURM_CONF") is { Length: > 0 } conf ? conf
        : Path.Combine(Environment.GetEnvironmentVariable("RESEARCHKIT_SLURM_DIR") ?? "/tmp/researchkit-slurm", "slurm.conf");

    /// <summary>The repository root (above tests/fixtures/reference).</summary>
    public static string Repository { get; } = Path.GetFullPath(Path.Combine(FixturePaths.Reference, "..", "..", ".."));

    /// <summary>The emoji test collection's training split, prepared by data/emoji/prepare.sh.</summary>
    public static string EmojiTrain { get; } = Path.Combine(Repository, "data", "emoji", "prepared", "train");

    /// <summary>Why the Slurm test cannot run here, or null when it can.</summary>
    public static string? Missing()
    {
        if (!new[] { "/usr/bin/sbatch", "/usr/local/bin/sbatch" }.Any(File.Exists)) return "sbatch is not installed (scripts/slurm-local.sh start installs and starts a one-node cluster)";
        if (!File.Exists(Config)) return $"no cluster config at {Config} (run scripts/slurm-local.sh start)";
        if (!File.Exists(Path.Combine(EmojiTrain, "metadata.csv"))) return $"the emoji training split is not prepared at {EmojiTrain} (run data/emoji/prepare.sh)";
        return null;
    }
}

/// <summary>
/// A test against the real Slurm cluster. Outside CI it is skipped (and reported as skipped) when the cluster or the
/// data is missing; under CI=true it always runs, so a cluster that cannot start fails the build instead of hiding.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && SlurmCluster.Missing() is { } why) Skip = why;
    }
}
