namespace ResearchKit.Search;

/// <summary>
/// Re-ranking by a learned distance (triplet training): the <see cref="RecallDepth"/> best candidates by cosine are
/// re-scored 1 - d_w(q, x)^2 / 2 with per-dimension weights w, which equals the cosine when every weight is 1. Checked
/// where it is built: weights present and finite, a depth of at least 1 (their count must match the searched space's
/// dimension, which only the search knows).
/// </summary>
public sealed record DistanceRerank
{
    /// <summary>Candidates recalled when nothing else is said (also what a config without crops or weights exports).</summary>
    public const int DefaultRecallDepth = 50;

    private readonly float[] _weights = [];
    private readonly int _recallDepth = DefaultRecallDepth;

    /// <summary>Re-ranks the best 50 candidates with <paramref name="weights"/>.</summary>
    /// <exception cref="ArgumentException">The weights are empty or hold a non-finite value.</exception>
    public DistanceRerank(float[] weights) => Weights = weights;

    /// <summary>One weight per dimension of the searched space.</summary>
    public float[] Weights
    {
        get => _weights;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length == 0) throw new ArgumentException("distance weights are empty; give one weight per dimension of the space (triplet training writes them).");
            var bad = Array.FindIndex(value, w => !float.IsFinite(w));
            if (bad >= 0) throw new ArgumentException($"distance weight {bad} is {value[bad]}; every weight must be a finite number.");
            _weights = value;
        }
    }

    /// <summary>Candidates recalled by cosine before the re-ranking (at least top k are always recalled).</summary>
    public int RecallDepth
    {
        get => _recallDepth;
        init => _recallDepth = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(RecallDepth), value, "re-ranking recalls at least 1 candidate.");
    }

    /// <summary>Equal when the same weights and depth: a re-ranking is its values.</summary>
    public bool Equals(DistanceRerank? other) => other is not null && _weights.AsSpan().SequenceEqual(other._weights) && _recallDepth == other._recallDepth;

    public override int GetHashCode() => HashCode.Combine(_weights.Length, _recallDepth);
}
