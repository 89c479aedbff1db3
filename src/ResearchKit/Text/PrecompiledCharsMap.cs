using System.Buffers.Binary;
using System.Text;

namespace ResearchKit.Text;

/// <summary>
/// SentencePiece's precompiled character map (a <c>.model</c> file's normalizer rules, also stored base64 in
/// tokenizer.json's Precompiled normalizer): a darts-clone double array over UTF-8 bytes whose values point
/// at NUL-terminated replacements. At each position the longest mapped prefix is replaced, as SentencePiece does.
/// </summary>
internal sealed class PrecompiledCharsMap
{
    private static readonly byte[] ReplacementCharacter = [0xEF, 0xBF, 0xBD];
    private readonly uint[] _trie;
    private readonly byte[] _replacements;

    /// <summary>Reads the blob: a little-endian trie size in bytes, the trie units, then the replacement strings.</summary>
    /// <exception cref="InvalidDataException">The blob is truncated or its trie size is inconsistent.</exception>
    public PrecompiledCharsMap(byte[] blob)
    {
        if (blob.Length == 0)
        {
            _trie = [];
            _replacements = [];
            return;
        }
        if (blob.Length < 4)
            throw new InvalidDataException($"the precompiled charsmap is {blob.Length} bytes, too short for its header.");
        var trieBytes = BinaryPrimitives.ReadUInt32LittleEndian(blob);
        if (trieBytes % 4 != 0 || trieBytes > blob.Length - 4)
            throw new InvalidDataException($"the precompiled charsmap declares a {trieBytes}-byte trie in a {blob.Length}-byte blob.");
        _trie = new uint[trieBytes / 4];
        for (var i = 0; i < _trie.Length; i++)
            _trie[i] = BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(4 + i * 4));
        _replacements = blob[(4 + (int)trieBytes)..];
    }

    /// <summary>Applies the map to a whole string, with no whitespace handling.</summary>
    public string Normalize(string text)
    {
        if (_trie.Length == 0) return text;
        var input = Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(input.Length + 8);
        for (var pos = 0; pos < input.Length;)
        {
            var (piece, consumed) = NormalizePrefix(input, pos);
            output.AddRange(piece);
            pos += consumed;
        }
        return Encoding.UTF8.GetString([.. output]);
    }

    /// <summary>The replacement for the longest mapped prefix at <paramref name="pos"/>, or the next character unchanged.</summary>
    public (byte[] Piece, int Consumed) NormalizePrefix(byte[] input, int pos)
    {
        var (length, value) = LongestMatch(input, pos);
        if (length > 0)
        {
            var end = Array.IndexOf(_replacements, (byte)0, value);
            return (_replacements[value..(end < 0 ? _replacements.Length : end)], length);
        }
        var charLength = Utf8Length(input, pos);
        if (charLength == 0) return (ReplacementCharacter, 1);  // malformed UTF-8 becomes U+FFFD
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
            {
                var value = (int)(_trie[node] & ((1u << 31) - 1));
                if (value < _replacements.Length) best = (i - pos + 1, value);
            }
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
