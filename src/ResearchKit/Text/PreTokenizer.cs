namespace ResearchKit.Text;

/// <summary>
/// A tokenizer.json pre-tokenizer: cuts normalized text into the pieces the model encodes one by one
/// (Metaspace, Split, WhitespaceSplit and Sequence, with the Rust library's semantics).
/// </summary>
internal abstract class PreTokenizer
{
    /// <summary>Appends the pieces of <paramref name="text"/>; <paramref name="firstSection"/> is false after an added token.</summary>
    public abstract void Split(string text, bool firstSection, List<string> pieces);

    public static PreTokenizer? FromJson(TokenizerJsonNode node)
    {
        if (node.IsNull) return null;
        return node.Type switch
        {
            "Sequence" => new Chain([.. node.Required("pretokenizers").Items().Select(FromJson).OfType<PreTokenizer>()]),
            "Metaspace" => Metaspace(node),
            "Split" => new SplitPreTokenizer(TokenizerPattern.FromJson(node.Required("pattern")), SplitPreTokenizer.ParseBehavior(node), node.Bool("invert", false)),
            "WhitespaceSplit" => new WhitespaceSplit(),
            null => throw node.Fail($"{node.Location} has no \"type\""),
            var other => throw node.Unsupported($"a \"{other}\" pre-tokenizer"),
        };
    }

    private static MetaspacePreTokenizer Metaspace(TokenizerJsonNode node)
    {
        var replacement = node.OptionalString("replacement") ?? "\u2581";
        // Files before prepend_scheme existed say add_prefix_space instead (true meaning "always").
        var scheme = node.OptionalString("prepend_scheme") ?? (node.Bool("add_prefix_space", true) ? "always" : "never");
        if (scheme is not ("always" or "first" or "never"))
            throw node.Fail($"{node.Location}.prepend_scheme is '{scheme}', not always, first or never");
        return new MetaspacePreTokenizer(replacement, scheme, node.Bool("split", true));
    }

    private sealed class Chain(PreTokenizer[] steps) : PreTokenizer
    {
        public override void Split(string text, bool firstSection, List<string> pieces)
        {
            List<string> current = [text];
            foreach (var step in steps)
            {
                var next = new List<string>();
                foreach (var piece in current) step.Split(piece, firstSection, next);
                current = next;
            }
            pieces.AddRange(current);
        }
    }

    private sealed class WhitespaceSplit : PreTokenizer
    {
        public override void Split(string text, bool firstSection, List<string> pieces)
        {
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var boundary = i == text.Length || char.IsWhiteSpace(text[i]);
                if (boundary && start >= 0)
                {
                    pieces.Add(text[start..i]);
                    start = -1;
                }
                else if (!boundary && start < 0) start = i;
            }
        }
    }
}
