using System.Globalization;
using System.Text;
using ResearchKit.Text;

namespace ResearchKit.Tests.Properties;

/// <summary>
/// Turns SentencePiece ids back into text, as sentencepiece's <c>DecodeIds</c> does: pieces joined, "▁" read as a
/// space, byte pieces (<c>&lt;0xNN&gt;</c>) gathered into UTF-8, the dummy prefix's leading space dropped. The
/// tokenizers here only encode, so the round-trip properties bring their own decoder.
/// </summary>
internal sealed class SentencePieceDecoder(string modelPath)
{
    private readonly SentencePieceModel _model = SentencePieceModel.Read(modelPath);

    /// <summary>The text of <paramref name="ids"/>, or null when one is unknown or a control piece (it has no text).</summary>
    public string? Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            var (piece, _, type) = _model.Pieces[id];
            switch (type)
            {
                case SentencePieceModel.PieceType.Byte:
                    bytes.Add(byte.Parse(piece.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    break;
                case SentencePieceModel.PieceType.Normal or SentencePieceModel.PieceType.UserDefined:
                    bytes.AddRange(Encoding.UTF8.GetBytes(piece.Replace('\u2581', ' ')));
                    break;
                default:
                    return null;
            }
        }
        var text = Encoding.UTF8.GetString([.. bytes]);
        return _model.AddDummyPrefix && text.StartsWith(' ') ? text[1..] : text;
    }
}
