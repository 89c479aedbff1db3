using System.Text;
using System.Text.Json;
using ResearchKit.Text;

namespace ResearchKit.Tests.Properties;

/// <summary>
/// Turns CLIP BPE ids back into text, as open_clip's <c>SimpleTokenizer.decode</c> does: tokens joined, each
/// <c>&lt;/w&gt;</c> (end of a word) read as a space, byte symbols mapped back to bytes and read as UTF-8.
/// </summary>
internal sealed class ClipDecoder
{
    private readonly Dictionary<int, string> _tokens;
    private readonly Dictionary<char, byte> _bytes = new();

    public ClipDecoder(string vocabJsonPath)
    {
        using var vocab = JsonDocument.Parse(File.ReadAllText(vocabJsonPath));
        _tokens = vocab.RootElement.EnumerateObject().ToDictionary(p => p.Value.GetInt32(), p => p.Name);
        for (var b = 0; b < 256; b++) _bytes[ClipByteAlphabet.ByteToChar[b]] = (byte)b;
    }

    public string Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        foreach (var token in ids.Select(id => _tokens[id]))
        {
            var endsWord = token.EndsWith("</w>", StringComparison.Ordinal);
            foreach (var symbol in endsWord ? token[..^4] : token) bytes.Add(_bytes[symbol]);
            if (endsWord) bytes.Add((byte)' ');
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }
}
