namespace ResearchKit.Search;

/// <summary>
/// A hybrid search: the spaces blended and their weights, how each space's scores are normalised, and how many
/// candidates each space gathers first. Checked where it is built: at least one space, each named once, every weight
/// a finite number that is not negative, a depth of at least 1. Crops and a learned distance re-rank within one space,
/// so a blend has neither (<see cref="SingleSpace"/> has both).
/// </summary>
public sealed record HybridBlend : SearchTarget
{
    private readonly IReadOnlyList<SpaceWeight> _weights = [];
    private readonly int _depth = 100;

    /// <summary>A blend of <paramref name="weights"/> (e.g. siglip 0.7, dinov2 0.3), z-scored, 100 candidates a space.</summary>
    /// <exception cref="ArgumentException">The weights are empty, name a space twice or hold a negative or non-finite weight.</exception>
    public HybridBlend(IReadOnlyList<SpaceWeight> weights) => Weights = weights;

    /// <summary>Spaces and their weights.</summary>
    public IReadOnlyList<SpaceWeight> Weights
    {
        get => _weights;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0) throw new ArgumentException("a hybrid search needs at least one space and its weight, e.g. siglip=0.7,dinov2=0.3.");
            if (value.GroupBy(w => w.Space, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new ArgumentException($"space '{twice.Key}' is named twice in the hybrid weights; give each space one weight.");
            if (value.FirstOrDefault(w => w.Weight < 0 || !double.IsFinite(w.Weight)) is { } bad)
                throw new ArgumentException($"hybrid weight of space '{bad.Space}' is {bad.Weight}; weights must be >= 0.");
            _weights = value;
        }
    }

    /// <summary>How each space's scores are normalised before the blend.</summary>
    public ScoreNormalization Normalization { get; init; } = ScoreNormalization.ZScore;

    /// <summary>Candidates each space gathers before the blend (at least top k are always gathered).</summary>
    public int Depth
    {
        get => _depth;
        init => _depth = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Depth), value, "a hybrid search gathers at least 1 candidate a space.");
    }

    /// <summary>The space with the largest weight (the first of equals): its model decodes uploads and calibrates scores.</summary>
    public string Primary => _weights.OrderByDescending(w => w.Weight).First().Space;

    /// <summary>Equal when the same weights (in order), normalisation and depth: a blend is its values.</summary>
    public bool Equals(HybridBlend? other) =>
        other is not null && _weights.SequenceEqual(other._weights) && Normalization == other.Normalization && _depth == other._depth;

    public override int GetHashCode() => HashCode.Combine(_weights.Count, Normalization, _depth);
}
