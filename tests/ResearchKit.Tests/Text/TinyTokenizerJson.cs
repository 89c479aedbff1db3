using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchKit.Tests.Text;

/// <summary>Small hand-made tokenizer.json documents for behaviour and error tests, written to a temp folder.</summary>
internal static class TinyTokenizerJson
{
    /// <summary>A Unigram file: pieces with descending scores, &lt;unk&gt; at 0, &lt;/s&gt; at 1, "$A &lt;/s&gt;" template, Metaspace.</summary>
    public static JsonObject Unigram(params string[] pieces)
    {
        var vocab = new JsonArray(new JsonArray("<unk>", 0.0), new JsonArray("</s>", 0.0));
        for (var i = 0; i < pieces.Length; i++) vocab.Add(new JsonArray(pieces[i], -1.0 - i));
        return new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = new JsonArray(Added(0, "<unk>"), Added(1, "</s>")),
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject { ["type"] = "Metaspace", ["replacement"] = "\u2581", ["prepend_scheme"] = "always", ["split"] = true },
            ["post_processor"] = Template(after: "</s>", id: 1),
            ["decoder"] = null,
            ["model"] = new JsonObject { ["type"] = "Unigram", ["unk_id"] = 0, ["vocab"] = vocab, ["byte_fallback"] = false },
        };
    }

    /// <summary>A BPE file over the given vocabulary and merges, no normalizer or pre-tokenizer.</summary>
    public static JsonObject Bpe(string[] vocab, string[][] merges)
    {
        var map = new JsonObject();
        for (var i = 0; i < vocab.Length; i++) map[vocab[i]] = i;
        return new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = new JsonArray(),
            ["normalizer"] = null,
            ["pre_tokenizer"] = null,
            ["post_processor"] = null,
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["unk_token"] = vocab[0], ["fuse_unk"] = true, ["byte_fallback"] = false,
                ["vocab"] = map, ["merges"] = new JsonArray([.. merges.Select(m => (JsonNode)new JsonArray(m[0], m[1]))]),
            },
        };
    }

    public static JsonObject Added(int id, string content, bool special = true, bool normalized = false, bool lstrip = false, bool rstrip = false) => new()
    {
        ["id"] = id, ["content"] = content, ["single_word"] = false, ["lstrip"] = lstrip, ["rstrip"] = rstrip, ["normalized"] = normalized, ["special"] = special,
    };

    public static JsonObject Template(string after, int id) => new()
    {
        ["type"] = "TemplateProcessing",
        ["single"] = new JsonArray(new JsonObject { ["Sequence"] = new JsonObject { ["id"] = "A", ["type_id"] = 0 } }, new JsonObject { ["SpecialToken"] = new JsonObject { ["id"] = after, ["type_id"] = 0 } }),
        ["pair"] = new JsonArray(),
        ["special_tokens"] = new JsonObject { [after] = new JsonObject { ["id"] = after, ["ids"] = new JsonArray(id), ["tokens"] = new JsonArray(after) } },
    };

    public static string Write(TempDirectory dir, JsonNode json, string name = "tokenizer.json") =>
        dir.Write(name, Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
}
