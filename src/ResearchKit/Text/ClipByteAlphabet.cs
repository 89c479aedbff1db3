namespace ResearchKit.Text;

/// <summary>
/// GPT-2/CLIP's reversible byte-to-character table: printable Latin-1 bytes map to themselves, the
/// other bytes to code points from U+0100 upward, so every UTF-8 byte is one visible vocabulary symbol.
/// </summary>
internal static class ClipByteAlphabet
{
    public static readonly char[] ByteToChar = Build();

    private static char[] Build()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)next++;
        }
        return table;
    }
}
