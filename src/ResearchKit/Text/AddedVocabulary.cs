namespace ResearchKit.Text;

/// <summary>
/// tokenizer.json's <c>added_tokens</c> (special tokens such as &lt;bos&gt;, and user-defined ones): they are found in
/// the text before anything else and never split. Tokens with <c>normalized: false</c> are matched in the raw text,
/// the others after normalization; at each position the longest token wins, and <c>lstrip</c>/<c>rstrip</c>
/// swallow the whitespace beside a token. The steps follow tokenizers.js's <c>encode_text</c>.
/// </summary>
internal sealed class AddedVocabulary
{
    private readonly Dictionary<string, int> _byContent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (bool Lstrip, bool Rstrip)> _stripping = new(StringComparer.Ordinal);
    private readonly TokenTrie _raw = new();
    private readonly TokenTrie _normalized = new();

    /// <summary>One piece of text to encode, or one added token's id.</summary>
    public readonly record struct Segment(string? Text, int TokenId, bool FirstSection);

    public AddedVocabulary(TokenizerJsonNode tokens, TextNormalizer? normalizer)
    {
        if (tokens.IsNull) return;
        foreach (var token in tokens.Items())
        {
            var content = token.String("content");
            var id = token.Int("id");
            if (content.Length == 0) throw token.Fail($"{token.Location}.content is empty");
            var special = token.Bool("special", false);
            var strip = (token.Bool("lstrip", false), token.Bool("rstrip", false));
            Add(content, id, strip);
            if (token.Bool("normalized", !special) && normalizer is not null)
            {
                var normalized = normalizer.Normalize(content);
                if (normalized.Length > 0)
                {
                    _normalized.Add(normalized);
                    Add(normalized, id, strip);
                }
            }
            else _raw.Add(content);
        }
    }

    public int? TokenToId(string token) => _byContent.TryGetValue(token, out var id) ? id : null;

    public IEnumerable<int> Ids => _byContent.Values;

    /// <summary>The text cut at added tokens, the rest normalized, in order.</summary>
    public List<Segment> Split(string text, TextNormalizer? normalizer)
    {
        var result = new List<Segment>();
        var sections = _raw.Split(text);
        Strip(sections);
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            if (section.Length == 0) continue;
            if (_byContent.TryGetValue(section, out var id))
            {
                result.Add(new(null, id, i == 0));
                continue;
            }
            var normalized = normalizer?.Normalize(section) ?? section;
            if (normalized.Length == 0) continue;
            var subsections = _normalized.Split(normalized);
            Strip(subsections);
            foreach (var sub in subsections)
            {
                if (sub.Length == 0) continue;
                result.Add(_byContent.TryGetValue(sub, out var subId) ? new(null, subId, i == 0) : new(sub, -1, i == 0));
            }
        }
        return result;
    }

    private void Add(string content, int id, (bool, bool) strip)
    {
        _byContent[content] = id;
        _stripping[content] = strip;
    }

    // lstrip trims the whitespace before a token, rstrip the whitespace after it.
    private void Strip(List<string> parts)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            if (!_stripping.TryGetValue(parts[i], out var strip)) continue;
            if (strip.Lstrip && i > 0) parts[i - 1] = parts[i - 1].TrimEnd();
            if (strip.Rstrip && i < parts.Count - 1) parts[i + 1] = parts[i + 1].TrimStart();
        }
    }

    /// <summary>A character trie that cuts text at the longest token starting at each position, scanning left to right.</summary>
    private sealed class TokenTrie
    {
        private sealed class Node
        {
            public Dictionary<char, Node>? Children;
            public string? Token;
        }

        private readonly Node _root = new();
        private bool _empty = true;

        public void Add(string token)
        {
            var node = _root;
            foreach (var c in token)
            {
                node.Children ??= [];
                if (!node.Children.TryGetValue(c, out var child)) node.Children[c] = child = new Node();
                node = child;
            }
            node.Token = token;
            _empty = false;
        }

        public List<string> Split(string text)
        {
            var parts = new List<string>();
            if (_empty) return [text];
            var start = 0;
            for (var i = 0; i < text.Length;)
            {
                string? match = null;
                var node = _root;
                for (var j = i; j < text.Length && node.Children is not null && node.Children.TryGetValue(text[j], out node); j++)
                    if (node.Token is not null) match = node.Token;
                if (match is null)
                {
                    i++;
                    continue;
                }
                if (i > start) parts.Add(text[start..i]);
                parts.Add(match);
                i += match.Length;
                start = i;
            }
            if (start < text.Length) parts.Add(text[start..]);
            return parts;
        }
    }
}
