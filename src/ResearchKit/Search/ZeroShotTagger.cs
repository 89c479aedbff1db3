using System.Numerics.Tensors;

namespace ResearchKit.Search;

/// <summary>
/// Zero-shot tags: each label becomes a prompt ("a photo of {label}."), is embedded with the space's text
/// tower, and every image gets a calibrated probability per label — independent sigmoids, as SigLIP was
/// trained, not a softmax that forces the labels to compete.
/// </summary>
public sealed class ZeroShotTagger
{
    private readonly SearchEngine _engine;
    private readonly string _space;
    private readonly IReadOnlyList<string> _labels;
    private readonly float[][] _labelVectors;
    private readonly ScoreCalibration _calibration;

    /// <param name="engine">The engine holding the space.</param>
    /// <param name="space">A space whose model has a text tower.</param>
    /// <param name="labels">Candidate labels.</param>
    /// <param name="template">Prompt with <c>{}</c> where the label goes.</param>
    /// <param name="calibration">T and b; default the model's own, else T = 10, b = -5 (a neutral guess: 0.5 at cosine 0.5).</param>
    public ZeroShotTagger(SearchEngine engine, string space, IReadOnlyList<string> labels, string template = "a photo of {}.", ScoreCalibration? calibration = null)
    {
        if (labels.Count == 0) throw new ArgumentException("give at least one label to tag with.", nameof(labels));
        if (!template.Contains("{}", StringComparison.Ordinal)) throw new ArgumentException($"prompt template '{template}' has no '{{}}' for the label.", nameof(template));
        if (!engine.Model(space).HasTextTower) throw new ArgumentException($"space '{space}' has no text tower; zero-shot tags need a SigLIP or CLIP-style space.", nameof(space));
        _engine = engine;
        _space = space;
        _labels = labels;
        _labelVectors = [.. labels.Select(l => engine.EmbedText(space, template.Replace("{}", l, StringComparison.Ordinal)))];
        _calibration = calibration ?? engine.CalibrationFor(space, new SearchOptions { Target = new SingleSpace(space) }) ?? new ScoreCalibration(10, -5);
    }

    /// <summary>Probability per label for a stored item, highest first (ties by label).</summary>
    public IReadOnlyList<(string Label, double Probability)> Tag(string id)
    {
        var space = _engine.Space(_space);
        return Tag(space.Vector(space.RowOf(id)));
    }

    /// <summary>Probability per label for an image vector, highest first (ties by label).</summary>
    public IReadOnlyList<(string Label, double Probability)> Tag(ReadOnlySpan<float> imageVector)
    {
        var result = new List<(string, double)>(_labels.Count);
        for (var i = 0; i < _labels.Count; i++)
            result.Add((_labels[i], _calibration.Probability(TensorPrimitives.Dot(imageVector, _labelVectors[i]))));
        return [.. result.OrderByDescending(r => r.Item2).ThenBy(r => r.Item1, StringComparer.Ordinal)];
    }
}
