using System.Text.Json.Nodes;
using ResearchKit.Cli;
using ResearchKit.Cli.Jupyter;

namespace ResearchKit.Kernel.Tests.Notebooks;

public sealed class KernelSpecTests
{
    [Fact]
    public void Install_writes_kernel_json_and_logos_under_the_prefix()
    {
        var prefix = Directory.CreateTempSubdirectory("rk-spec").FullName;
        var output = new StringWriter();
        var code = Program.BuildRoot(CliConsole.Plain(output, new StringWriter())).Parse(["kernel", "install", "--prefix", prefix]).Invoke();
        Assert.Equal(0, code);
        var folder = Path.Combine(prefix, "share", "jupyter", "kernels", "researchkit-csharp");
        Assert.Equal(folder, output.ToString().Trim());
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
        Assert.Equal("C# (ResearchKit)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("csharp", spec["language"]!.GetValue<string>());
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        Assert.Equal("{connection_file}", spec["argv"]!.AsArray()[^1]!.GetValue<string>());
        // Cells are Roslyn compilations: the kernel runs with tiered compilation off (see KernelEnvironment).
        Assert.Equal("0", spec["env"]!["DOTNET_TieredCompilation"]!.GetValue<string>());
        Assert.Equal("0", spec["env"]!["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"]!.GetValue<string>());
        Assert.True(new FileInfo(Path.Combine(folder, "logo-64x64.png")).Length > 100);
        Directory.Delete(prefix, recursive: true);
    }

    [Fact]
    public void The_logo_is_a_png_of_the_asked_size()
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(KernelSpecInstaller.Logo(32));
        Assert.Equal((32, 32), (bitmap.Width, bitmap.Height));
    }
}
