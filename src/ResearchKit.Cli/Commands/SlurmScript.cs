using System.Globalization;
using System.Text;

namespace ResearchKit.Cli.Commands;

/// <summary>What an sbatch array script for sharded indexing needs: the index command's arguments and the job's resources.</summary>
public sealed record SlurmScriptOptions
{
    /// <summary>The dataset folder, as the cluster's nodes see it (a shared file system).</summary>
    public required string Dataset { get; init; }

    /// <summary>The <c>--model</c> values (directory, registry name, or SPACE=MODEL).</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Array tasks, one shard each.</summary>
    public required int Shards { get; init; }

    /// <summary>How to call the tool on the nodes (default <c>researchkit</c>; e.g. <c>dotnet /opt/rk/researchkit.dll</c>).</summary>
    public string Command { get; init; } = "researchkit";

    public string? Store { get; init; }
    public string? Metadata { get; init; }
    public string JobName { get; init; } = "researchkit-index";
    public string? Partition { get; init; }
    public string? Time { get; init; }
    public int? CpusPerTask { get; init; }
    public string? Memory { get; init; }

    /// <summary>GPUs per array task; with GPUs the index command runs on ONNX Runtime's CUDA provider unless another is named.</summary>
    public int? GpusPerTask { get; init; }

    public string? Provider { get; init; }
    /// <summary>Images per encoder call; null lets each task choose by measurement.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Images decoded at once per task; null lets each task choose by measurement.</summary>
    public int? DecodeWorkers { get; init; }

    /// <summary>Most array tasks running at once (<c>--array=0-N%K</c>).</summary>
    public int? MaxRunning { get; init; }

    /// <summary>Where each task's log goes (sbatch's <c>%A</c> job and <c>%a</c> task patterns).</summary>
    public string Output { get; init; } = "researchkit-index-%A_%a.out";

    /// <summary>Further <c>#SBATCH</c> lines, e.g. <c>--account=lab</c>.</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];
}

/// <summary>Renders an sbatch array script: one task per shard, each running <c>researchkit index ... --shard auto</c>.</summary>
public static class SlurmScript
{
    public static string Render(SlurmScriptOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.Shards < 1) throw new ArgumentException($"--shards must be at least 1, got {o.Shards}.");
        if (o.Models.Count == 0) throw new ArgumentException("give at least one --model.");
        var s = new StringBuilder();
        s.AppendLine("#!/usr/bin/env bash");
        s.AppendLine(CultureInfo.InvariantCulture, $"# Sharded indexing of {o.Dataset}: array task I embeds shard I of {o.Shards} into its own part of each space.");
        s.AppendLine("# Submit with: sbatch THIS_FILE   (add --wait to block until every task is done)");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --job-name={o.JobName}");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{o.Shards - 1}{(o.MaxRunning is { } k ? $"%{k}" : "")}");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --output={o.Output}");
        if (o.Partition is { } p) s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --partition={p}");
        if (o.Time is { } t) s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --time={t}");
        if (o.CpusPerTask is { } c) s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={c}");
        if (o.Memory is { } m) s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --mem={m}");
        if (o.GpusPerTask is { } g) s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --gpus-per-task={g}");
        foreach (var line in o.Extra) s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH {line}");
        s.AppendLine("set -euo pipefail");
        var args = new List<string> { "index", o.Dataset };
        foreach (var model in o.Models) args.AddRange(["--model", model]);
        if (o.Store is { } store) args.AddRange(["--store", store]);
        if (o.Metadata is { } metadata) args.AddRange(["--metadata", metadata]);
        args.AddRange(["--shard", "auto", "--shards", o.Shards.ToString(CultureInfo.InvariantCulture)]);
        if ((o.Provider ?? (o.GpusPerTask > 0 ? "cuda" : null)) is { } provider) args.AddRange(["--provider", provider]);
        if (o.BatchSize is { } b) args.AddRange(["--batch-size", b.ToString(CultureInfo.InvariantCulture)]);
        if (o.DecodeWorkers is { } w) args.AddRange(["--decode-workers", w.ToString(CultureInfo.InvariantCulture)]);
        s.AppendLine(CultureInfo.InvariantCulture, $"{o.Command} {string.Join(' ', args.Select(Quote))}");
        s.AppendLine("# Afterwards one plain run merges the shards' parts and embeds nothing new, e.g.:");
        s.AppendLine(CultureInfo.InvariantCulture, $"#   sbatch --dependency=afterok:$SLURM_ARRAY_JOB_ID --wrap \"{o.Command} {string.Join(' ', args.Take(args.IndexOf("--shard")).Select(Quote))}\"");
        return s.ToString();
    }

    // Single-quoted for bash: only a single quote itself needs care.
    private static string Quote(string value) =>
        value.Length > 0 && value.All(ch => char.IsAsciiLetterOrDigit(ch) || "-_./=:,@%+".Contains(ch)) ? value : "'" + value.Replace("'", "'\\''") + "'";
}
