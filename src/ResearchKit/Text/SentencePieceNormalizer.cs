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
    private readonly PrecompiledCharsMap _charsMap;
    private readonly bool _addDummyPrefix;
    private readonly bool _removeExtraWhitespaces;
    private readonly bool _escapeWhitespaces;

    public SentencePieceNormalizer(SentencePieceModel model)
    {
        _addDummyPrefix = model.AddDummyPrefix;
        _removeExtraWhitespaces = model.RemoveExtraWhitespaces;
        _escapeWhitespaces = model.EscapeWhitespaces;
        _charsMap = model.CharsMap;
    }

    public string Normalize(string text)
    {
        var input = Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(input.Length + 8);
        var pos = 0;

        if (_removeExtraWhitespaces)
            while (pos < input.Length)
            {
                var (piece, consumed) = _charsMap.NormalizePrefix(input, pos);
                if (piece.Length != 1 || piece[0] != (byte)' ') break;
                pos += consumed;
            }
        if (pos >= input.Length) return "";

        var space = _escapeWhitespaces ? Encoding.UTF8.GetBytes(SpaceSymbol) : [(byte)' '];
        if (_addDummyPrefix) output.AddRange(space);

        var previousWasSpace = _removeExtraWhitespaces;
        while (pos < input.Length)
        {
            var (piece, consumed) = _charsMap.NormalizePrefix(input, pos);
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
}
