using System.Globalization;
using System.Text;

namespace ResearchKit.Text;

/// <summary>
/// Full Unicode lowercasing, as Python's <c>str.lower()</c>, JavaScript's <c>toLowerCase()</c> and Rust's
/// <c>to_lowercase()</c> do it: .NET's invariant mapping is per character, so the two language-independent
/// special cases are added: U+0130 becomes "i" + U+0307, and a capital sigma ending a word becomes "ς".
/// </summary>
internal static class UnicodeCase
{
    private const char CapitalSigma = '\u03A3';
    private const char CapitalIWithDot = '\u0130';

    public static string ToLower(string text)
    {
        var lower = text.ToLowerInvariant();
        if (text.IndexOf(CapitalSigma) < 0 && text.IndexOf(CapitalIWithDot) < 0) return lower;
        // ToLowerInvariant maps each UTF-16 unit in place, so indices still line up with the original.
        var result = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == CapitalIWithDot) result.Append("i\u0307");
            else if (text[i] == CapitalSigma) result.Append(IsFinalSigma(text, i) ? '\u03C2' : '\u03C3');
            else result.Append(lower[i]);
        }
        return result.ToString();
    }

    // Unicode's Final_Sigma condition: a cased letter before (skipping case-ignorable characters) and none after.
    private static bool IsFinalSigma(string text, int index)
    {
        var before = false;
        for (var i = index - 1; i >= 0; i--)
        {
            if (char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1])) i--;
            var rune = RuneAt(text, i);
            if (IsCaseIgnorable(rune)) continue;
            before = IsCased(rune);
            break;
        }
        if (!before) return false;
        for (var i = index + 1; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            var rune = RuneAt(text, i);
            if (IsCaseIgnorable(rune)) continue;
            return !IsCased(rune);
        }
        return true;
    }

    private static Rune RuneAt(string text, int index) =>
        Rune.TryGetRuneAt(text, index, out var rune) ? rune : Rune.ReplacementChar;

    private static bool IsCased(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    // Case_Ignorable: marks, format characters, modifier letters and symbols, and the word-internal punctuation.
    private static bool IsCaseIgnorable(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || rune.Value is '\'' or '.' or ':' or '\u00B7' or '\u0387' or '\u055F' or '\u05F4' or '\u2018' or '\u2019'
            or '\u2024' or '\u2027' or '\uFE13' or '\uFE52' or '\uFE55' or '\uFF07' or '\uFF0E' or '\uFF1A';
}
