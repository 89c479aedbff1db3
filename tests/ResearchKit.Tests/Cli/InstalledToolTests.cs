using System.Text.Json;

namespace ResearchKit.Tests.Cli;

/// <summary>The packed and installed tool works from any folder: embedded models, the kernel and the demo.</summary>
[Collection(ToolBuildCollection.Name)]
public sealed class InstalledToolTests(InstalledTool tool) : IClassFixture<InstalledTool>
{
    private static readonly TimeSpan Minutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void Each_package_is_at_most_120_MB_and_holds_one_platform()
    {
        var packages = Directory.GetFiles(tool.Packages, "*.nupkg");
        Assert.Contains(packages, p => Path.GetFileName(p) == "ResearchKit.0.1.0.nupkg");
        Assert.Contains(packages, p => Path.GetFileName(p).StartsWith("ResearchKit.linux-", StringComparison.Ordinal) || Path.GetFileName(p).StartsWith("ResearchKit.osx-", StringComparison.Ordinal) || Path.GetFileName(p).StartsWith("ResearchKit.win-", StringComparison.Ordinal));
        foreach (var package in packages)
            Assert.True(new FileInfo(package).Length <= 120L * 1024 * 1024, $"{Path.GetFileName(package)} is {new FileInfo(package).Length / 1e6:F0} MB");
    }

    [Fact]
    public void Embeds_with_an_embedded_model_from_an_empty_folder_exactly_as_the_repository_build()
    {
        var image = FixturePaths.Image("photo_coffee.jpg");
        var installed = InstalledTool.Run(tool.Command, ["embed", image, "--model", "siglip-emoji"], tool.EmptyFolder("embed-here"), Minutes);
        Assert.True(installed.ExitCode == 0, installed.Error);

        var repository = CliRun.Invoke("embed", image, "--model", "siglip-emoji");
        Assert.Equal(0, repository.ExitCode);
        Assert.Equal(Vector(repository.Out), Vector(installed.Out));
    }

    [Fact]
    public void Kernel_install_writes_a_kernelspec_that_starts_the_installed_tool()
    {
        var prefix = tool.EmptyFolder("jupyter-prefix");
        var result = InstalledTool.Run(tool.Command, ["kernel", "install", "--prefix", prefix], tool.EmptyFolder("kernel-here"), Minutes);
        Assert.True(result.ExitCode == 0, result.Error);
        var data = Path.Combine(prefix, "share", "jupyter");
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "kernels", "researchkit-csharp", "kernel.json")));
        Assert.Equal(tool.Command, spec.RootElement.GetProperty("argv")[0].GetString());

        // Jupyter's own client starts the kernel by name from that kernelspec and runs a cell through it.
        const string Script = """
            import sys, jupyter_client
            km, kc = jupyter_client.manager.start_new_kernel(kernel_name="researchkit-csharp", startup_timeout=120)
            try:
                msg_id = kc.execute("1 + 41")
                while True:
                    msg = kc.get_iopub_msg(timeout=120)
                    if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] in ("execute_result", "error"):
                        print(msg["content"].get("data", {}).get("text/plain", msg["content"]))
                        break
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=True)
            """;
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var run = InstalledTool.Run(python, ["-c", Script], tool.EmptyFolder("client-here"), Minutes, new Dictionary<string, string> { ["JUPYTER_PATH"] = data });
        if (run.Error.Contains("No module named 'jupyter_client'", StringComparison.Ordinal))
            Assert.Fail("This test drives the kernel with Debian's jupyter_client: run scripts/install-jupyter.sh (as root) first.");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Equal("42", run.Out.Trim());
    }

    [Fact]
    public void Demo_runs_from_an_empty_folder_on_a_prepared_test_collection()
    {
        var data = tool.EmptyFolder("mini-collection");
        MiniEmojiCollection.Write(data);
        var here = tool.EmptyFolder("demo-here");
        var result = InstalledTool.Run(tool.Command, ["demo", "--data", data, "--no-prepare"], here, TimeSpan.FromMinutes(10));
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        // Outside a clone the report goes to ./researchkit-demo and the models are the ones shipped with the tool.
        Assert.True(File.Exists(Path.Combine(here, "researchkit-demo", "report.html")));
        using var evaluation = JsonDocument.Parse(File.ReadAllText(Path.Combine(here, "researchkit-demo", "evaluation.json")));
        Assert.Equal(["siglip-emoji", "dinov2-emoji", "eva02-clip-emoji"], evaluation.RootElement.EnumerateArray().Select(e => e.GetProperty("model").GetString()));
        Assert.Contains(tool.ToolPath, result.Out);
    }

    [Fact]
    public void Demo_without_prepared_data_says_where_it_looked_and_what_to_pass()
    {
        var home = tool.EmptyFolder("empty-home");
        var result = InstalledTool.Run(tool.Command, ["demo", "--no-prepare"], tool.EmptyFolder("demo-no-data"), Minutes,
            new Dictionary<string, string> { ["HOME"] = home, ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share") });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Path.Combine(home, ".local", "share", "researchkit", "emoji-benchmark"), result.Error);
        Assert.Contains("--data", result.Error);
    }

    private static float[] Vector(string output) =>
        [.. JsonDocument.Parse(output.Trim()).RootElement.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle())];
}
