using System.Text.Json;

namespace ResearchKit.Text;

/// <summary>
/// One object of a tokenizer.json file with its location ("normalizer.normalizers[1]"), so every missing or
/// mistyped field becomes a <see cref="TokenizerLoadException"/> naming the file, the field and the fix.
/// </summary>
internal readonly struct TokenizerJsonNode
{
    // The location is built only when an error needs it: half a million merges must not each format a path.
    private readonly string _parent;
    private readonly string? _name;
    private readonly int _index;

    public TokenizerJsonNode(JsonElement element, string location, string file)
        : this(element, location, null, -1, file)
    {
    }

    private TokenizerJsonNode(JsonElement element, string parent, string? name, int index, string file)
    {
        Element = element;
        _parent = parent;
        _name = name;
        _index = index;
        File = file;
    }

    public JsonElement Element { get; }
    public string File { get; }

    public string Location => _name is not null ? (_parent.Length == 0 ? _name : $"{_parent}.{_name}") : _index >= 0 ? $"{_parent}[{_index}]" : _parent;

    public bool IsNull => Element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    /// <summary>The component's "type" field, or null when it has none.</summary>
    public string? Type => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    public bool Has(string name) =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    public TokenizerJsonNode Child(string name)
    {
        if (Element.ValueKind != JsonValueKind.Object)
            throw Fail($"{Location} is {Element.ValueKind}, not an object");
        return new(Element.TryGetProperty(name, out var v) ? v : default, Location, name, -1, File);
    }

    public TokenizerJsonNode Required(string name)
    {
        var child = Child(name);
        if (child.IsNull) throw Fail($"{child.Location} is missing");
        return child;
    }

    public IEnumerable<TokenizerJsonNode> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array) throw Fail($"{Location} is {Element.ValueKind}, not an array");
        var i = 0;
        var location = Location;
        foreach (var item in Element.EnumerateArray()) yield return new(item, location, null, i++, File);
    }

    public int ArrayLength => Element.ValueKind == JsonValueKind.Array ? Element.GetArrayLength() : throw Fail($"{Location} is {Element.ValueKind}, not an array");

    public string String(string name) => Required(name).AsString();

    public string? OptionalString(string name) => Child(name) is { IsNull: false } c ? c.AsString() : null;

    public bool Bool(string name, bool fallback)
    {
        var child = Child(name);
        if (child.IsNull) return fallback;
        return child.Element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail($"{child.Location} is {child.Element.ValueKind}, not true or false"),
        };
    }

    public int Int(string name) => Required(name).AsInt();

    public int? OptionalInt(string name) => Child(name) is { IsNull: false } c ? c.AsInt() : null;

    public string AsString() => Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw Fail($"{Location} is {Element.ValueKind}, not a string");

    public int AsInt() => Element.ValueKind == JsonValueKind.Number && Element.TryGetInt32(out var v) ? v : throw Fail($"{Location} is not a 32-bit integer");

    public double AsDouble() => Element.ValueKind == JsonValueKind.Number ? Element.GetDouble() : throw Fail($"{Location} is {Element.ValueKind}, not a number");

    /// <summary>A load error for this file that names the problem and what to do.</summary>
    public TokenizerLoadException Fail(string problem) =>
        new(File, $"{problem}; the tokenizer.json is damaged or not a Hugging Face tokenizer file. Re-download it from the model's repository.");

    /// <summary>A load error for a component ResearchKit does not implement.</summary>
    public TokenizerLoadException Unsupported(string what) =>
        new(File, $"{Location} is {what}, which ResearchKit's tokenizer.json reader does not implement (it reads the Unigram and BPE tokenizers of SigLIP and Gemma). Use the model's SentencePiece .model file or the tokenizer its family documents.");
}
