using System.Buffers.Binary;
using System.Text;

namespace ResearchKit.Text;

/// <summary>
/// SentencePiece's own text normalizer: the model's precompiled character map (a darts-clone double
/// array over UTF-8 bytes, longest match wins), then whitespace handling: leading/trailing spaces
/// dropped, runs collapsed, a dummy "▁" prefix, and spaces escaped to "▁".
/// </summary>
internal sealed class SentencePieceNormalizer
{
    private const string SpaceSymbol = "\u2581";
    private readonly uint[] _trie;
    private readonly byte[] _replacements;
    private readonly bool _addDummyPrefix;
    private readonly bool _removeExtraWhitespaces;
    private readonly bool _escapeWhitespaces;

    public SentencePieceNormalizer(SentencePieceModel model)
    {
        _addDummyPrefix = model.AddDummyPrefix;
        _removeExtraWhitespaces = model.RemoveExtraWhitespaces;
        _escapeWhitespaces = model.EscapeWhitespaces;
        var map = model.PrecompiledCharsMap;
        if (map.Length >= 4)
        {
            var trieBytes = (int)BinaryPrimitives.ReadUInt32LittleEndian(map);
            _trie = new uint[trieBytes / 4];
            for (var i = 0; i < _trie.Length; i++)
                _trie[i] = BinaryPrimitives.ReadUInt32LittleEndian(map.AsSpan(4 + i * 4));
            _replacements = map[(4 + trieBytes)..];
        }
        else
        {
            _trie = [];
            _replacements = [];
        }
    }

    public string Normalize(string text)
    {
        var input = Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(input.Length + 8);
        var pos = 0;

        if (_removeExtraWhitespaces)
            while (pos < input.Length)
            {
                var (piece, consumed) = NormalizePrefix(input, pos);
                if (piece.Length != 1 || piece[0] != (byte)' ') break;
                pos += consumed;
            }
        if (pos >= input.Length) return "";

        var space = _escapeWhitespaces ? Encoding.UTF8.GetBytes(SpaceSymbol) : [(byte)' '];
        if (_addDummyPrefix) output.AddRange(space);

        var previousWasSpace = _removeExtraWhitespaces;
        while (pos < input.Length)
        {
            var (piece, consumed) = NormalizePrefix(input, pos);
            var start = 0;
            if (previousWasSpace && _removeExtraWhitespaces)
                while (start < piece.Length && piece[start] == (byte)' ') start++;
            if (start < piece.Length)
            {
                for (var i = start; i < piece.Length; i++)
                    if (piece[i] == (byte)' ' && _escapeWhitespaces) output.AddRange(space);
                    else output.Add(piece[i]);
                previousWasSpace = piece[^1] == (byte)' ';
            }
            pos += consumed;
        }

        if (_removeExtraWhitespaces)
            while (output.Count >= space.Length && output.Skip(output.Count - space.Length).SequenceEqual(space))
                output.RemoveRange(output.Count - space.Length, space.Length);
        return Encoding.UTF8.GetString([.. output]);
    }

    /// <summary>The replacement for the longest mapped prefix at <paramref name="pos"/>, or the next character unchanged.</summary>
    private (byte[] Piece, int Consumed) NormalizePrefix(byte[] input, int pos)
    {
        var (length, value) = LongestMatch(input, pos);
        if (length > 0)
        {
            var end = Array.IndexOf(_replacements, (byte)0, value);
            return (_replacements[value..(end < 0 ? _replacements.Length : end)], length);
        }
        var charLength = Utf8Length(input, pos);
        if (charLength == 0) return ([0xEF, 0xBF, 0xBD], 1);  // malformed UTF-8 becomes U+FFFD
        return (input[pos..(pos + charLength)], charLength);
    }

    // darts-clone common-prefix search; the longest hit wins.
    private (int Length, int Value) LongestMatch(byte[] key, int pos)
    {
        if (_trie.Length == 0) return (0, 0);
        var best = (Length: 0, Value: 0);
        uint node = Offset(_trie[0]);
        for (var i = pos; i < key.Length; i++)
        {
            node ^= key[i];
            if (node >= _trie.Length) break;
            var unit = _trie[node];
            if ((unit & ((1u << 31) | 0xFF)) != key[i]) break;
            node ^= Offset(unit);
            if (((unit >> 8) & 1) == 1 && node < _trie.Length)
                best = (i - pos + 1, (int)(_trie[node] & ((1u << 31) - 1)));
        }
        return best;
    }

    private static uint Offset(uint unit) => (unit >> 10) << (int)((unit & (1u << 9)) >> 6);

    private static int Utf8Length(byte[] s, int pos)
    {
        var b = s[pos];
        var n = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || pos + n > s.Length) return 0;
        for (var i = 1; i < n; i++)
            if ((s[pos + i] & 0xC0) != 0x80) return 0;
        return n;
    }
}
