namespace ResearchKit.Text;

/// <summary>The "model" of a tokenizer.json file: turns one pre-tokenized piece into vocabulary ids.</summary>
internal abstract class TokenizerModel
{
    public abstract TokenizerModelKind Kind { get; }

    /// <summary>Appends the ids of <paramref name="piece"/>.</summary>
    public abstract void Encode(string piece, List<int> ids);

    public abstract int? TokenToId(string token);

    public abstract string? IdToToken(int id);

    public static TokenizerModel FromJson(TokenizerJsonNode node)
    {
        if (node.IsNull) throw node.Fail("the \"model\" section is missing");
        if (!node.Has("vocab")) throw node.Fail($"{node.Location}.vocab is missing");
        // Older files leave out "type"; the vocabulary's shape says which model it is, as tokenizers.js infers it.
        var type = node.Type ?? (node.Child("vocab").Element.ValueKind == System.Text.Json.JsonValueKind.Array ? "Unigram" : node.Has("merges") ? "BPE" : null);
        return type switch
        {
            "Unigram" => UnigramModel.Read(node),
            "BPE" => BpeModel.Read(node),
            "WordPiece" or "WordLevel" => throw node.Unsupported($"a {type} model (a BERT-style vocabulary)"),
            null => throw node.Fail($"{node.Location} has no \"type\" and no merges"),
            _ => throw node.Unsupported($"a \"{type}\" model"),
        };
    }

    /// <summary>The vocabulary ids of the byte tokens &lt;0x00&gt; … &lt;0xFF&gt;, -1 where a byte has none.</summary>
    protected static int[] ByteTokenIds(Func<string, int?> lookup)
    {
        var ids = new int[256];
        for (var b = 0; b < 256; b++) ids[b] = lookup($"<0x{b:X2}>") ?? -1;
        return ids;
    }

    /// <summary>The byte-token ids for <paramref name="text"/>'s UTF-8 bytes, or null when one is missing.</summary>
    protected static int[]? ByteFallback(string text, int[] byteIds)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var ids = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
            if ((ids[i] = byteIds[bytes[i]]) < 0) return null;
        return ids;
    }
}
