using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace ResearchKit.Embeddings;

/// <summary>
/// One shard of a dataset, <c>Index</c> of <c>Count</c> (counted from 0, as Slurm array ids and Kubernetes completion
/// indexes are). An item belongs to shard <c>XxHash3(UTF-8 id) mod Count</c>: the partition depends on the id alone,
/// so it stays the same when the dataset grows and any tool can recompute it.
/// </summary>
/// <param name="Index">This shard, 0 to Count - 1.</param>
/// <param name="Count">How many shards the dataset is split into.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The store part this shard writes (<c>shard-I-of-N</c>).</summary>
    public string PartName => $"shard-{Index}-of-{Count}";

    /// <summary>Whether the item <paramref name="id"/> belongs to this shard.</summary>
    public bool Contains(string id) => ShardOf(id, Count) == Index;

    /// <summary>The shard (0 to <paramref name="count"/> - 1) that item <paramref name="id"/> belongs to.</summary>
    public static int ShardOf(string id, int count)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return (int)(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(id)) % (ulong)count);
    }

    /// <summary>Parses <c>I/N</c> (e.g. <c>0/4</c>).</summary>
    /// <exception cref="ArgumentException">The text is not <c>I/N</c> with 0 &lt;= I &lt; N.</exception>
    public static ShardSpec Parse(string text)
    {
        var parts = (text ?? "").Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new ArgumentException($"'{text}' is not a shard: write I/N, e.g. 0/4 for the first of four shards (counted from 0).");
        return Create(index, count, text!);
    }

    /// <summary>
    /// The shard a scheduler assigned to this task, from its environment: a Slurm array task
    /// (<c>SLURM_ARRAY_TASK_ID</c> with <c>SLURM_ARRAY_TASK_COUNT</c>, or <c>_MIN</c>/<c>_MAX</c>/<c>_STEP</c>) or a
    /// Kubernetes Indexed Job (<c>JOB_COMPLETION_INDEX</c>, which needs <paramref name="shards"/>).
    /// </summary>
    /// <exception cref="ArgumentException">No scheduler variables are set, or they contradict each other.</exception>
    public static ShardSpec FromScheduler(IReadOnlyDictionary<string, string?> environment, int? shards = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        int? Get(string name)
        {
            if (!environment.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value)) return null;
            return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? n : throw new ArgumentException($"{name}={value} is not a whole number.");
        }
        if (Get("SLURM_ARRAY_TASK_ID") is { } task)
        {
            var min = Get("SLURM_ARRAY_TASK_MIN") ?? 0;
            var step = Math.Max(1, Get("SLURM_ARRAY_TASK_STEP") ?? 1);
            var count = Get("SLURM_ARRAY_TASK_COUNT")
                ?? (Get("SLURM_ARRAY_TASK_MAX") is { } max ? (max - min) / step + 1 : shards)
                ?? throw new ArgumentException("SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX is; give the shard count.");
            if (shards is { } expected && expected != count)
                throw new ArgumentException($"the Slurm array has {count} tasks but {expected} shards were asked for; make them agree.");
            return Create((task - min) / step, count, $"SLURM_ARRAY_TASK_ID={task}");
        }
        if (Get("JOB_COMPLETION_INDEX") is { } completion)
        {
            var count = shards ?? throw new ArgumentException("JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job); give the shard count, equal to the Job's completions.");
            return Create(completion, count, $"JOB_COMPLETION_INDEX={completion}");
        }
        throw new ArgumentException("no scheduler shard found: neither SLURM_ARRAY_TASK_ID (a Slurm array job) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set.");
    }

    public override string ToString() => $"{Index}/{Count}";

    private static ShardSpec Create(int index, int count, string source)
    {
        if (count < 1) throw new ArgumentException($"{source}: the shard count must be at least 1, got {count}.");
        if (index < 0 || index >= count) throw new ArgumentException($"{source}: shard {index} is outside 0..{count - 1} (shards count from 0).");
        return new ShardSpec(index, count);
    }
}
