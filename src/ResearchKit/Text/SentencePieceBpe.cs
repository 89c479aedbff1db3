namespace ResearchKit.Text;

/// <summary>
/// SentencePiece's BPE encoder (Gemma's <c>tokenizer.model</c>), as SentencePiece 0.1.97 runs it: the model's own
/// normalizer, user-defined symbols cut out whole (and never merged), every other character a symbol; then the adjacent
/// pair whose joined text is the highest-scoring piece is merged, leftmost first on ties, until none is a piece. A symbol
/// outside the vocabulary becomes its UTF-8 byte pieces with byte fallback, else the unknown id, runs of unknowns merged.
/// </summary>
internal sealed class SentencePieceBpe
{
    private readonly SentencePieceNormalizer _normalizer;
    private readonly Dictionary<string, (int Id, float Score)> _pieces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _userDefined = new(StringComparer.Ordinal);
    private readonly int _maxUserDefinedLength;
    private readonly int _unkId;
    private readonly int[]? _byteIds;

    public SentencePieceBpe(SentencePieceModel model)
    {
        _normalizer = new SentencePieceNormalizer(model);
        var byteIds = new int[256];
        Array.Fill(byteIds, -1);
        for (var id = 0; id < model.Pieces.Count; id++)
        {
            var (piece, score, type) = model.Pieces[id];
            // Mergeable pieces are the normal, user-defined and unused ones; control, unknown and byte pieces are reserved.
            if (type is SentencePieceModel.PieceType.Normal or SentencePieceModel.PieceType.UserDefined or SentencePieceModel.PieceType.Unused)
                _pieces.TryAdd(piece, (id, score));
            if (type == SentencePieceModel.PieceType.UserDefined && piece.Length > 0)
            {
                _userDefined.TryAdd(piece, id);
                _maxUserDefinedLength = Math.Max(_maxUserDefinedLength, piece.Length);
            }
            if (type == SentencePieceModel.PieceType.Byte && piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal)
                && int.TryParse(piece.AsSpan(3, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
                byteIds[b] = id;
        }
        _unkId = model.UnkId;
        _byteIds = model.ByteFallback ? byteIds : null;
    }

    public List<int> Encode(string text)
    {
        var normalized = _normalizer.Normalize(text);
        var ids = new List<int>();
        if (normalized.Length == 0) return ids;
        var symbols = Symbols(normalized);
        Merge(normalized, symbols);
        var previousUnknown = false;
        for (var i = 0; i >= 0; i = symbols[i].Next)
        {
            var piece = normalized.Substring(symbols[i].Start, symbols[i].Length);
            if (_pieces.TryGetValue(piece, out var known))
            {
                ids.Add(known.Id);
                previousUnknown = false;
            }
            else if (_byteIds is not null && ByteIds(piece) is { } bytes)
            {
                ids.AddRange(bytes);
                previousUnknown = false;
            }
            else if (!previousUnknown)
            {
                ids.Add(_unkId);
                previousUnknown = true;
            }
        }
        return ids;
    }

    private struct Symbol
    {
        public int Start, Length, Prev, Next;
        public bool Frozen;
    }

    private List<Symbol> Symbols(string text)
    {
        var symbols = new List<Symbol>();
        for (var pos = 0; pos < text.Length;)
        {
            var length = UserDefinedPrefix(text, pos);
            var frozen = length > 0;
            if (!frozen) length = char.IsSurrogatePair(text, pos) ? 2 : 1;
            symbols.Add(new Symbol { Start = pos, Length = length, Prev = symbols.Count - 1, Next = pos + length < text.Length ? symbols.Count + 1 : -1, Frozen = frozen });
            pos += length;
        }
        return symbols;
    }

    private int UserDefinedPrefix(string text, int pos)
    {
        for (var length = Math.Min(_maxUserDefinedLength, text.Length - pos); length > 0; length--)
            if (_userDefined.ContainsKey(text.Substring(pos, length))) return length;
        return 0;
    }

    private void Merge(string text, List<Symbol> symbols)
    {
        var lookup = _pieces.GetAlternateLookup<ReadOnlySpan<char>>();
        // Highest score first, then leftmost; the joined length tells a stale entry from a live one.
        var agenda = new PriorityQueue<(int Left, int Right, int Length), (float NegScore, int Left)>();
        for (var i = 1; i < symbols.Count; i++) Push(i - 1, i);
        while (agenda.TryDequeue(out var top, out _))
        {
            var left = symbols[top.Left];
            var right = symbols[top.Right];
            if (left.Length == 0 || right.Length == 0 || left.Length + right.Length != top.Length || left.Next != top.Right) continue;
            left.Length += right.Length;
            left.Next = right.Next;
            symbols[top.Left] = left;
            if (right.Next >= 0)
            {
                var after = symbols[right.Next];
                after.Prev = top.Left;
                symbols[right.Next] = after;
            }
            right.Length = 0;
            symbols[top.Right] = right;
            Push(left.Prev, top.Left);
            Push(top.Left, left.Next);
        }

        void Push(int l, int r)
        {
            if (l < 0 || r < 0 || symbols[l].Frozen || symbols[r].Frozen) return;
            var length = symbols[l].Length + symbols[r].Length;
            if (lookup.TryGetValue(text.AsSpan(symbols[l].Start, length), out var piece))
                agenda.Enqueue((l, r, length), (-piece.Score, l));
        }
    }

    private int[]? ByteIds(string piece)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(piece);
        var ids = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
            if ((ids[i] = _byteIds![bytes[i]]) < 0) return null;
        return ids;
    }
}
