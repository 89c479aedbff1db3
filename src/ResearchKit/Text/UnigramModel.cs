namespace ResearchKit.Text;

/// <summary>
/// tokenizer.json's Unigram model: <c>vocab</c> as [piece, score] pairs (the id is the position), <c>unk_id</c>,
/// and <c>byte_fallback</c>. Every vocabulary entry takes part in the segmentation; an uncovered character scores
/// the lowest score minus 10, runs of them become one unknown, or their UTF-8 byte tokens with byte fallback.
/// </summary>
internal sealed class UnigramModel : TokenizerModel
{
    private readonly string[] _pieces;
    private readonly Dictionary<string, int> _ids;
    private readonly UnigramSegmenter _segmenter;
    private readonly int _unkId;
    private readonly int[]? _byteIds;

    private UnigramModel(List<(string Piece, double Score)> vocab, int unkId, bool byteFallback)
    {
        _pieces = [.. vocab.Select(v => v.Piece)];
        _ids = new Dictionary<string, int>(vocab.Count, StringComparer.Ordinal);
        for (var i = 0; i < vocab.Count; i++) _ids[vocab[i].Piece] = i;
        // As tokenizers.js: the unknown piece itself also scores as an unknown character.
        var unkScore = vocab.Min(v => v.Score) - UnigramSegmenter.UnknownPenalty;
        _segmenter = new UnigramSegmenter(vocab.Select((v, i) => (v.Piece, i, i == unkId ? unkScore : v.Score)), unkId, unkScore);
        _unkId = unkId;
        _byteIds = byteFallback ? ByteTokenIds(TokenToId) : null;
    }

    public override TokenizerModelKind Kind => TokenizerModelKind.Unigram;

    public static UnigramModel Read(TokenizerJsonNode node)
    {
        var vocab = new List<(string, double)>();
        foreach (var entry in node.Required("vocab").Items())
        {
            var e = entry.Element;
            if (e.ValueKind != System.Text.Json.JsonValueKind.Array || e.GetArrayLength() != 2
                || e[0].ValueKind != System.Text.Json.JsonValueKind.String || e[1].ValueKind != System.Text.Json.JsonValueKind.Number)
                throw entry.Fail($"{entry.Location} is not a [piece, score] pair");
            vocab.Add((e[0].GetString()!, e[1].GetDouble()));
        }
        if (vocab.Count == 0) throw node.Fail($"{node.Location}.vocab is empty");
        var unkId = node.OptionalInt("unk_id")
            ?? throw node.Fail($"{node.Location}.unk_id is missing, so characters outside the vocabulary could not be encoded");
        if (unkId < 0 || unkId >= vocab.Count) throw node.Fail($"{node.Location}.unk_id {unkId} is outside the {vocab.Count}-piece vocabulary");
        return new UnigramModel(vocab, unkId, node.Bool("byte_fallback", false));
    }

    public override void Encode(string piece, List<int> ids)
    {
        foreach (var (id, start, end) in _segmenter.Segment(piece))
        {
            if (id == _unkId && _byteIds is not null && ByteFallback(piece[start..end], _byteIds) is { } bytes) ids.AddRange(bytes);
            else ids.Add(id);
        }
    }

    public override int? TokenToId(string token) => _ids.TryGetValue(token, out var id) ? id : null;

    public override string? IdToToken(int id) => id >= 0 && id < _pieces.Length ? _pieces[id] : null;
}
