using ResearchKit.Models;
using ResearchKit.Text;

namespace ResearchKit.Tests.Replicas;

/// <summary>
/// Immich's text rules on the Immich replicas: the ids equal those make_replicas.py got by running Immich's Python
/// clean_text and Hugging Face's JavaScript tokenizers on the replica's tokenizer.json (truncated to the context
/// length, padded with tokenizer_config.json's pad_token). And the failures a damaged textual/ folder gives.
/// </summary>
public sealed class ImmichTextTests
{
    public static TheoryData<string> ImmichReplicas()
    {
        var data = new TheoryData<string>();
        foreach (var repo in ReplicaReference.Instance.Repos.Where(r => r.StartsWith("immich-app/", StringComparison.Ordinal))) data.Add(repo);
        return data;
    }

    private static string Replica(string repo) => Path.Combine(FixturePaths.Replicas, "repos", repo);

    [Theory]
    [MemberData(nameof(ImmichReplicas))]
    public void Ids_equal_immich_rules_on_tokenizers_js(string repo)
    {
        var reference = ReplicaReference.Instance;
        var tokenizer = Assert.IsType<ImmichTextTokenizer>(EmbeddingModel.TokenizerFor(ModelDirectory.Open(Replica(repo))));
        Assert.Equal(64, tokenizer.ContextLength);
        Assert.True(tokenizer.Canonicalize);
        Assert.Equal(reference.PadId(repo), tokenizer.PadId);
        var expected = reference.Ids(repo)!;
        for (var i = 0; i < reference.Strings.Count; i++)
            Assert.Equal(expected[i], tokenizer.Encode(reference.Strings[i]));
    }

    [Fact]
    public void Immich_pads_with_the_pad_token_of_tokenizer_config_not_the_end_token()
    {
        // The same unigram vocabulary framed two ways: transformers' SigLIP pads with </s> (1), Immich with
        // tokenizer_config.json's pad_token, <pad> (0) in the T5-style files its exporter saves.
        var immich = EmbeddingModel.TokenizerFor(ModelDirectory.Open(Replica("immich-app/ViT-B-16-SigLIP__webli"))).Encode("a photo of a dog");
        var hf = EmbeddingModel.TokenizerFor(ModelDirectory.Open(Replica("Xenova/siglip-base-patch16-224"))).Encode("a photo of a dog");
        var content = Array.IndexOf(hf, 1) + 1;
        Assert.Equal(hf[..content], immich[..content]);
        Assert.All(hf[content..], id => Assert.Equal(1, id));
        Assert.All(immich[content..], id => Assert.Equal(0, id));
    }

    [Theory]
    [InlineData("  a \t photo\n\nof  a   dog  ", false, "a photo of a dog")]
    [InlineData("a\u001cb\u00a0c\u3000d", false, "a b c d")]
    [InlineData("A Cat, sitting on a RED car!", true, "a cat sitting on a red car")]
    [InlineData("a , b", true, "a  b")]
    [InlineData("x !", true, "x ")]
    [InlineData("İSTANBUL Σ", true, "i\u0307stanbul σ")]
    [InlineData("", true, "")]
    public void Cleaning_is_immichs_clean_text(string text, bool canonicalize, string expected) =>
        Assert.Equal(expected, ImmichTextTokenizer.Clean(text, canonicalize));

    [Fact]
    public void A_missing_tokenizer_config_is_a_typed_error_naming_it()
    {
        using var dir = CopyOf("immich-app/ViT-B-16-SigLIP__webli");
        File.Delete(Path.Combine(dir.Path, "textual", "tokenizer_config.json"));
        using var model = EmbeddingModel.Open(dir.Path);
        var e = Assert.Throws<ModelLoadException>(() => model.EmbedText("a dog"));
        Assert.EndsWith(Path.Combine("textual", "tokenizer_config.json"), e.Path);
        Assert.Contains("pad_token", e.Message);
        // The image side does not need the text files.
        Assert.Equal(16, model.EmbedImage(FixturePaths.Image("gradient.png")).Length);
    }

    [Fact]
    public void A_pad_token_missing_from_the_vocabulary_is_a_typed_error()
    {
        using var dir = CopyOf("immich-app/ViT-B-16-SigLIP__webli");
        var config = Path.Combine(dir.Path, "textual", "tokenizer_config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"pad_token\": \"<pad>\"", "\"pad_token\": \"[PAD]\"", StringComparison.Ordinal));
        var e = Assert.Throws<ModelLoadException>(() => EmbeddingModel.TokenizerFor(ModelDirectory.Open(dir.Path)));
        Assert.Contains("'[PAD]' is not a token", e.Message);
        Assert.Equal(config, e.Path);
    }

    [Fact]
    public void An_unreadable_tokenizer_json_is_a_typed_error_naming_it()
    {
        using var dir = CopyOf("immich-app/ViT-B-16-SigLIP2__webli");
        var path = Path.Combine(dir.Path, "textual", "tokenizer.json");
        File.WriteAllText(path, "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}");
        var e = Assert.ThrowsAny<ResearchKitException>(() => EmbeddingModel.TokenizerFor(ModelDirectory.Open(dir.Path)));
        Assert.IsType<TokenizerLoadException>(e);
        Assert.Contains(path, e.Message);

        File.WriteAllText(path, "{ not json");
        e = Assert.Throws<TokenizerLoadException>(() => EmbeddingModel.TokenizerFor(ModelDirectory.Open(dir.Path)));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_missing_model_config_is_a_typed_error_for_the_text_side()
    {
        using var dir = CopyOf("immich-app/ViT-B-16-SigLIP__webli");
        File.Delete(Path.Combine(dir.Path, "config.json"));
        var e = Assert.Throws<ModelLoadException>(() => EmbeddingModel.TokenizerFor(ModelDirectory.Open(dir.Path)));
        Assert.EndsWith("config.json", e.Path);
        Assert.Contains("text_cfg", e.Message);
    }

    /// <summary>A writable copy of a replica repository.</summary>
    internal static TempDirectory CopyOf(string repo)
    {
        var dir = new TempDirectory();
        foreach (var file in Directory.GetFiles(Replica(repo), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir.Path, Path.GetRelativePath(Replica(repo), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return dir;
    }
}
