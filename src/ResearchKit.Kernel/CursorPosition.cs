namespace ResearchKit.Kernel;

/// <summary>
/// The one place cursor offsets are converted: Jupyter 5.2+ counts Unicode code points, .NET strings count UTF-16
/// units, and the two differ for characters outside the BMP (emoji, some CJK).
/// </summary>
public static class CursorPosition
{
    /// <summary>The UTF-16 index of a code-point offset, clamped to the text.</summary>
    public static int ToUtf16(string text, int codePoints)
    {
        var index = 0;
        for (var seen = 0; seen < codePoints && index < text.Length; seen++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return index;
    }

    /// <summary>The code-point offset of a UTF-16 index, clamped to the text.</summary>
    public static int ToCodePoints(string text, int utf16)
    {
        utf16 = Math.Clamp(utf16, 0, text.Length);
        var points = 0;
        for (var i = 0; i < utf16; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            points++;
        }
        return points;
    }
}
