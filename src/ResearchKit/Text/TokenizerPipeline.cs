namespace ResearchKit.Text;

/// <summary>
/// The parts of a tokenizer.json that turn text into content ids: added tokens, normalizer, pre-tokenizer and
/// model, plus the post-processor's special tokens. <see cref="TokenizerJson"/> adds truncation and padding.
/// </summary>
internal sealed class TokenizerPipeline
{
    private readonly Dictionary<int, string> _addedById;

    private TokenizerPipeline(string path, AddedVocabulary added, Dictionary<int, string> addedById, TextNormalizer? normalizer,
        PreTokenizer? preTokenizer, TokenizerModel model, TemplatePostProcessor postProcessor)
    {
        Path = path;
        Added = added;
        _addedById = addedById;
        Normalizer = normalizer;
        PreTokenizer = preTokenizer;
        Model = model;
        PostProcessor = postProcessor;
    }

    public string Path { get; }
    public AddedVocabulary Added { get; }
    public TextNormalizer? Normalizer { get; }
    public PreTokenizer? PreTokenizer { get; }
    public TokenizerModel Model { get; }
    public TemplatePostProcessor PostProcessor { get; }

    public static TokenizerPipeline FromJson(TokenizerJsonNode root)
    {
        var normalizer = TextNormalizer.FromJson(root.Child("normalizer"));
        var preTokenizer = PreTokenizer.FromJson(root.Child("pre_tokenizer"));
        var model = TokenizerModel.FromJson(root.Child("model"));
        var addedTokens = root.Child("added_tokens");
        var added = new AddedVocabulary(addedTokens, normalizer);
        var addedById = new Dictionary<int, string>();
        if (!addedTokens.IsNull)
            foreach (var token in addedTokens.Items()) addedById[token.Int("id")] = token.String("content");
        return new TokenizerPipeline(root.File, added, addedById, normalizer, preTokenizer, model, TemplatePostProcessor.FromJson(root.Child("post_processor")));
    }

    public string? AddedToken(int id) => _addedById.GetValueOrDefault(id);

    /// <summary>The ids of the text alone: no special tokens, no truncation, no padding.</summary>
    public List<int> EncodeContent(string text)
    {
        var ids = new List<int>();
        if (text.Length == 0) return ids;
        var pieces = new List<string>();
        foreach (var segment in Added.Split(text, Normalizer))
        {
            if (segment.Text is null)
            {
                ids.Add(segment.TokenId);
                continue;
            }
            pieces.Clear();
            if (PreTokenizer is null) pieces.Add(segment.Text);
            else PreTokenizer.Split(segment.Text, segment.FirstSection, pieces);
            foreach (var piece in pieces) Model.Encode(piece, ids);
        }
        return ids;
    }
}
