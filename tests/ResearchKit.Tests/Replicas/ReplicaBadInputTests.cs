using ResearchKit.Models;
using ResearchKit.Models.Hub;
using ResearchKit.Tests.Cli;
using ResearchKit.Tests.Hub;

namespace ResearchKit.Tests.Replicas;

/// <summary>A repository or folder missing one of its files: pull, verify and load each name the file and say what to do.</summary>
public sealed class ReplicaBadInputTests : IDisposable
{
    private readonly HubTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void A_repository_missing_a_listed_file_fails_the_pull_naming_it()
    {
        using var copy = ImmichTextTests.CopyOf("immich-app/ViT-B-16-SigLIP__webli");
        File.Delete(Path.Combine(copy.Path, "textual", "tokenizer_config.json"));
        _ctx.Hub.Serve("immich-app/ViT-B-16-SigLIP__webli", copy.Path);
        var pull = CliRun.Invoke(["models", "pull", "ViT-B-16-SigLIP__webli", "--endpoint", _ctx.Hub.Endpoint, "--registry", HubTestContext.RegistryPath, "--cache-dir", _ctx.CacheDir]);
        Assert.Equal(2, pull.ExitCode);
        Assert.Contains("Download of 'textual/tokenizer_config.json' from 'immich-app/ViT-B-16-SigLIP__webli' failed: 404: file 'textual/tokenizer_config.json' not found", pull.Error);
        Assert.Throws<ModelNotFoundException>(() => ModelLocator.Resolve("ViT-B-16-SigLIP__webli", _ctx.Registry, _ctx.CacheDir));
    }

    [Fact]
    public void A_folder_missing_a_file_fails_verify_naming_it()
    {
        using var copy = ImmichTextTests.CopyOf("immich-app/ViT-B-16-SigLIP2__webli");
        File.Delete(Path.Combine(copy.Path, "visual", "preprocess_cfg.json"));
        var verify = CliRun.Invoke(["models", "verify", "ViT-B-16-SigLIP2__webli", "--dir", copy.Path, "--registry", HubTestContext.RegistryPath]);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("FAIL  visual/preprocess_cfg.json: missing", verify.Out);
        Assert.Contains("researchkit models pull ViT-B-16-SigLIP2__webli", verify.Error);
        var e = Assert.Throws<ModelLoadException>(() => ModelDirectory.Open(copy.Path));
        Assert.Contains("'preprocess_cfg.json' is missing", e.Message);
    }
}
