namespace ResearchKit.Text;

/// <summary>
/// Unigram segmentation: the Viterbi path through every way of covering the normalized text with vocabulary
/// pieces, maximising the summed piece scores. A character no piece covers becomes the unknown piece (score:
/// lowest piece score minus 10), and runs of unknowns merge into one. Shared by SentencePiece's unigram model
/// and tokenizer.json's Unigram model, which differ only in which pieces take part and their scores.
/// </summary>
internal sealed class UnigramSegmenter
{
    /// <summary>SentencePiece and Hugging Face both put an unknown character this far below the lowest score.</summary>
    public const double UnknownPenalty = 10;
    private readonly Dictionary<string, (int Id, double Score)> _pieces = new(StringComparer.Ordinal);
    private readonly int _maxPieceChars;
    private readonly int _unkId;
    private readonly double _unkScore;

    /// <param name="pieces">The pieces that may appear in a segmentation; a later duplicate replaces an earlier one.</param>
    /// <param name="unkId">The id an uncovered character gets.</param>
    /// <param name="unkScore">The score of an uncovered character.</param>
    public UnigramSegmenter(IEnumerable<(string Piece, int Id, double Score)> pieces, int unkId, double unkScore)
    {
        foreach (var (piece, id, score) in pieces)
        {
            if (piece.Length == 0) continue;
            _pieces[piece] = (id, score);
            _maxPieceChars = Math.Max(_maxPieceChars, piece.Length);
        }
        _unkId = unkId;
        _unkScore = unkScore;
    }

    /// <summary>SentencePiece's rules: normal and user-defined pieces take part; user-defined ones always win where they fit.</summary>
    public static UnigramSegmenter FromSentencePiece(SentencePieceModel model)
    {
        var min = float.MaxValue;
        var max = float.MinValue;
        foreach (var (_, score, type) in model.Pieces)
            if (type == SentencePieceModel.PieceType.Normal)
            {
                min = Math.Min(min, score);
                max = Math.Max(max, score);
            }
        var pieces = new List<(string, int, double)>();
        for (var id = 0; id < model.Pieces.Count; id++)
        {
            var (piece, score, type) = model.Pieces[id];
            if (type is not (SentencePieceModel.PieceType.Normal or SentencePieceModel.PieceType.UserDefined)) continue;
            var length = new System.Globalization.StringInfo(piece).LengthInTextElements;
            pieces.Add((piece, id, type == SentencePieceModel.PieceType.UserDefined ? length * max - 0.1f : score));
        }
        return new UnigramSegmenter(pieces, model.UnkId, min - (float)UnknownPenalty);
    }

    public List<int> Encode(string normalized) => [.. Segment(normalized).Select(s => s.Id)];

    /// <summary>The best segmentation as (id, start, end) in UTF-16 indices, each run of unknown characters as one entry.</summary>
    public List<(int Id, int Start, int End)> Segment(string normalized)
    {
        var result = new List<(int Id, int Start, int End)>();
        if (normalized.Length == 0) return result;

        // Positions are UTF-16 indices at code point boundaries (surrogate pairs stay whole).
        var starts = new List<int>();
        for (var i = 0; i < normalized.Length; i += char.IsSurrogatePair(normalized, i) ? 2 : 1) starts.Add(i);
        var n = starts.Count;
        starts.Add(normalized.Length);

        var best = new double[n + 1];
        var from = new int[n + 1];
        var piece = new int[n + 1];
        Array.Fill(best, double.NegativeInfinity);
        best[0] = 0;
        var lookup = _pieces.GetAlternateLookup<ReadOnlySpan<char>>();

        for (var b = 0; b < n; b++)
        {
            if (double.IsNegativeInfinity(best[b])) continue;
            var coveredOneChar = false;
            for (var e = b + 1; e <= n && starts[e] - starts[b] <= _maxPieceChars; e++)
            {
                if (!lookup.TryGetValue(normalized.AsSpan(starts[b], starts[e] - starts[b]), out var p)) continue;
                if (e == b + 1) coveredOneChar = true;
                Relax(b, e, p.Id, p.Score);
            }
            if (!coveredOneChar) Relax(b, b + 1, _unkId, _unkScore);
        }

        var path = new List<(int Id, int Start, int End)>();
        for (var e = n; e > 0; e = from[e]) path.Add((piece[e], starts[from[e]], starts[e]));
        path.Reverse();
        foreach (var step in path)
            if (step.Id == _unkId && result.Count > 0 && result[^1].Id == _unkId) result[^1] = (_unkId, result[^1].Start, step.End);
            else result.Add(step);
        return result;

        // Strictly better only, so among equal scores the earliest-inserted candidate stays, as in SentencePiece.
        void Relax(int b, int e, int id, double score)
        {
            var candidate = best[b] + score;
            if (candidate > best[e])
            {
                best[e] = candidate;
                from[e] = b;
                piece[e] = id;
            }
        }
    }
}
