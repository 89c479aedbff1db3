using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace ResearchKit.Text;

/// <summary>
/// tokenizer.json's BPE model (Gemma's): a piece starts as its characters (those outside the vocabulary become
/// byte tokens &lt;0xNN&gt; with <c>byte_fallback</c>, else the unknown token, fused when <c>fuse_unk</c>), then the
/// lowest-ranked adjacent pair is merged, leftmost first, until no pair has a merge rule. <c>ignore_merges</c>
/// takes a piece that is itself in the vocabulary whole. Merges may be "a b" strings or [a, b] arrays.
/// </summary>
internal sealed class BpeModel : TokenizerModel
{
    private const int CacheLimit = 10_000;
    private const int CachedPieceLength = 256;
    private readonly Dictionary<string, int> _vocab;
    private readonly string?[] _tokens;
    private readonly BpeMergeTable _merges;
    private readonly int? _unkId;
    private readonly bool _fuseUnk;
    private readonly bool _ignoreMerges;
    private readonly int[]? _byteIds;
    private readonly string? _prefix;
    private readonly string? _suffix;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    private BpeModel(Dictionary<string, int> vocab, BpeMergeTable merges, BpeOptions options)
    {
        _vocab = vocab;
        _tokens = new string?[vocab.Count == 0 ? 0 : vocab.Values.Max() + 1];
        foreach (var (token, id) in vocab) _tokens[id] = token;
        _merges = merges;
        _unkId = options.UnkToken is { } unk && vocab.TryGetValue(unk, out var unkId) ? unkId : null;
        _fuseUnk = options.FuseUnk;
        _ignoreMerges = options.IgnoreMerges;
        _byteIds = options.ByteFallback ? ByteTokenIds(TokenToId) : null;
        _prefix = options.ContinuingSubwordPrefix;
        _suffix = options.EndOfWordSuffix;
    }

    private sealed record BpeOptions(string? UnkToken, bool FuseUnk, bool ByteFallback, bool IgnoreMerges, string? ContinuingSubwordPrefix, string? EndOfWordSuffix);

    public override TokenizerModelKind Kind => TokenizerModelKind.Bpe;

    public static BpeModel Read(TokenizerJsonNode node)
    {
        var vocabNode = node.Required("vocab");
        if (vocabNode.Element.ValueKind != JsonValueKind.Object) throw node.Fail($"{vocabNode.Location} is not an object of token: id");
        var vocab = new Dictionary<string, int>(vocabNode.Element.GetPropertyCount(), StringComparer.Ordinal);
        foreach (var entry in vocabNode.Element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out var id) || id < 0)
                throw node.Fail($"{vocabNode.Location}[\"{entry.Name}\"] is not a non-negative integer id");
            vocab[entry.Name] = id;
        }
        if (node.Child("dropout") is { IsNull: false } dropout && dropout.AsDouble() != 0)
            throw node.Unsupported("a BPE model with dropout (random merges, for training only)");
        var options = new BpeOptions(node.OptionalString("unk_token"), node.Bool("fuse_unk", false), node.Bool("byte_fallback", false),
            node.Bool("ignore_merges", false), node.OptionalString("continuing_subword_prefix"), node.OptionalString("end_of_word_suffix"));
        var merges = node.Has("merges") ? BpeMergeTable.FromJson(node.Child("merges"), vocab, options.ContinuingSubwordPrefix?.Length ?? 0) : BpeMergeTable.Empty;
        return new BpeModel(vocab, merges, options);
    }

    public override void Encode(string piece, List<int> ids)
    {
        if (piece.Length == 0) return;
        if (_ignoreMerges && _vocab.TryGetValue(piece, out var whole))
        {
            ids.Add(whole);
            return;
        }
        if (_cache.TryGetValue(piece, out var cached))
        {
            ids.AddRange(cached);
            return;
        }
        var encoded = _merges.Apply(InitialSymbols(piece));
        if (piece.Length < CachedPieceLength && _cache.Count < CacheLimit) _cache.TryAdd(piece, encoded);
        ids.AddRange(encoded);
    }

    public override int? TokenToId(string token) => _vocab.TryGetValue(token, out var id) ? id : null;

    public override string? IdToToken(int id) => id >= 0 && id < _tokens.Length ? _tokens[id] : null;

    /// <summary>One symbol per character, as the Rust library starts a word (prefix on all but the first, suffix on the last).</summary>
    private List<int> InitialSymbols(string piece)
    {
        var symbols = new List<int>(piece.Length);
        int? pendingUnk = null;
        var lookup = _vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        var builder = new StringBuilder();
        for (var i = 0; i < piece.Length;)
        {
            var length = char.IsSurrogatePair(piece, i) ? 2 : 1;
            var first = i == 0;
            var last = i + length == piece.Length;
            int id;
            bool found;
            if (_prefix is null && _suffix is null) found = lookup.TryGetValue(piece.AsSpan(i, length), out id);
            else
            {
                builder.Clear();
                if (_prefix is not null && !first) builder.Append(_prefix);
                builder.Append(piece, i, length);
                if (_suffix is not null && last) builder.Append(_suffix);
                found = _vocab.TryGetValue(builder.ToString(), out id);
            }
            if (found)
            {
                if (pendingUnk is { } unk) symbols.Add(unk);
                pendingUnk = null;
                symbols.Add(id);
            }
            else if (_byteIds is not null && ByteFallback(piece.Substring(i, length), _byteIds) is { } bytes)
            {
                if (pendingUnk is { } unk) symbols.Add(unk);
                pendingUnk = null;
                symbols.AddRange(bytes);
            }
            else if (_unkId is { } unkId)
            {
                // A run of unknown characters becomes one unknown token when fuse_unk is set.
                if (pendingUnk is { } unk && !_fuseUnk) symbols.Add(unk);
                pendingUnk = unkId;
            }
            i += length;
        }
        if (pendingUnk is { } trailing) symbols.Add(trailing);
        return symbols;
    }
}
