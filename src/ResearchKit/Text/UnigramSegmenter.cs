namespace ResearchKit.Text;

/// <summary>
/// SentencePiece unigram segmentation: the Viterbi path through every way of covering the normalized
/// text with vocabulary pieces, maximising the summed piece scores. A character no piece covers
/// becomes the unknown piece (score: lowest piece score minus 10), and runs of unknowns merge into one.
/// </summary>
internal sealed class UnigramSegmenter
{
    private const float UnknownPenalty = 10f;
    private readonly Dictionary<string, (int Id, float Score)> _pieces = new(StringComparer.Ordinal);
    private readonly int _maxPieceChars;
    private readonly int _unkId;
    private readonly float _unkScore;

    public UnigramSegmenter(SentencePieceModel model)
    {
        var min = float.MaxValue;
        var max = float.MinValue;
        foreach (var (_, score, type) in model.Pieces)
            if (type == SentencePieceModel.PieceType.Normal)
            {
                min = Math.Min(min, score);
                max = Math.Max(max, score);
            }
        for (var id = 0; id < model.Pieces.Count; id++)
        {
            var (piece, score, type) = model.Pieces[id];
            if (type is not (SentencePieceModel.PieceType.Normal or SentencePieceModel.PieceType.UserDefined)) continue;
            var length = new System.Globalization.StringInfo(piece).LengthInTextElements;
            // User-defined symbols always win over the pieces they overlap.
            _pieces[piece] = (id, type == SentencePieceModel.PieceType.UserDefined ? length * max - 0.1f : score);
            _maxPieceChars = Math.Max(_maxPieceChars, piece.Length);
        }
        _unkId = model.UnkId;
        _unkScore = min - UnknownPenalty;
    }

    public List<int> Encode(string normalized)
    {
        var result = new List<int>();
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

        for (var b = 0; b < n; b++)
        {
            if (double.IsNegativeInfinity(best[b])) continue;
            var coveredOneChar = false;
            for (var e = b + 1; e <= n && starts[e] - starts[b] <= _maxPieceChars; e++)
            {
                if (!_pieces.TryGetValue(normalized[starts[b]..starts[e]], out var p)) continue;
                if (e == b + 1) coveredOneChar = true;
                Relax(b, e, p.Id, p.Score);
            }
            if (!coveredOneChar) Relax(b, b + 1, _unkId, _unkScore);
        }

        var path = new List<int>();
        for (var e = n; e > 0; e = from[e]) path.Add(piece[e]);
        path.Reverse();
        foreach (var id in path)
            if (!(id == _unkId && result.Count > 0 && result[^1] == _unkId))
                result.Add(id);
        return result;

        // Strictly better only, so among equal scores the earliest-inserted candidate stays, as in SentencePiece.
        void Relax(int b, int e, int id, float score)
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
