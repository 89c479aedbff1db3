using System.Globalization;
using System.Text;

namespace ResearchKit.Cli;

/// <summary>
/// Makes text from files (names, metadata, messages quoting them) safe to print: control characters (ESC, BEL,
/// carriage return, C1 codes...) and bidirectional overrides become visible <c>\xNN</c> / <c>\uNNNN</c> escapes, so a
/// file named with an escape sequence cannot recolour, retitle or rewrite the user's terminal.
/// </summary>
public static class TerminalText
{
    /// <summary>The text with every character that a terminal would interpret replaced by a visible escape.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!text.Any(IsUnsafe)) return text;
        var clean = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!IsUnsafe(c)) clean.Append(c);
            else if (c <= 0xff) clean.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else clean.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        return clean.ToString();
    }

    // C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
    private static bool IsUnsafe(char c) =>
        (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
}
