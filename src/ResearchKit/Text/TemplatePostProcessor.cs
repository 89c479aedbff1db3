namespace ResearchKit.Text;

/// <summary>
/// tokenizer.json's TemplateProcessing post-processor for one sequence: the special tokens of the "single"
/// template before and after <c>$A</c> (e.g. Gemma's "&lt;bos&gt; $A", T5/SigLIP's "$A &lt;/s&gt;"), with ids from its
/// <c>special_tokens</c> table. Sequence post-processors are flattened; ByteLevel ones change no ids.
/// </summary>
internal sealed class TemplatePostProcessor
{
    public static readonly TemplatePostProcessor None = new([], []);

    private TemplatePostProcessor(int[] prefix, int[] suffix)
    {
        Prefix = prefix;
        Suffix = suffix;
    }

    public int[] Prefix { get; }
    public int[] Suffix { get; }
    public int Count => Prefix.Length + Suffix.Length;

    public static TemplatePostProcessor FromJson(TokenizerJsonNode node)
    {
        if (node.IsNull) return None;
        switch (node.Type)
        {
            case "TemplateProcessing":
                return Template(node);
            case "ByteLevel":
                return None;
            case "Sequence":
                var parts = node.Required("processors").Items().Select(FromJson).Where(p => p.Count > 0).ToArray();
                return parts.Length switch
                {
                    0 => None,
                    1 => parts[0],
                    _ => throw node.Unsupported("a sequence of several post-processors that add tokens"),
                };
            case null:
                throw node.Fail($"{node.Location} has no \"type\"");
            default:
                throw node.Unsupported($"a \"{node.Type}\" post-processor");
        }
    }

    private static TemplatePostProcessor Template(TokenizerJsonNode node)
    {
        var table = node.Child("special_tokens");
        List<int> prefix = [], suffix = [];
        var seenSequence = false;
        foreach (var item in node.Required("single").Items())
        {
            if (item.Has("Sequence"))
            {
                if (item.Required("Sequence").String("id") != "A") throw item.Fail($"{item.Location} refers to sequence B in the single template");
                seenSequence = true;
                continue;
            }
            var name = item.Required("SpecialToken").String("id");
            var entry = table.IsNull ? table : table.Child(name);
            if (entry.IsNull) throw item.Fail($"{item.Location} uses special token '{name}', which {node.Location}.special_tokens does not define");
            (seenSequence ? suffix : prefix).AddRange(entry.Required("ids").Items().Select(i => i.AsInt()));
        }
        if (!seenSequence) throw node.Fail($"{node.Location}.single has no $A");
        return new TemplatePostProcessor([.. prefix], [.. suffix]);
    }
}
