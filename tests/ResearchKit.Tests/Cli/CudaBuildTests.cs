using System.Runtime.InteropServices;
using System.Text.Json;

namespace ResearchKit.Tests.Cli;

/// <summary>
/// The CUDA build of the tool (-p:OnnxRuntimeFlavor=cuda, ONNX Runtime's Microsoft.ML.OnnxRuntime.Gpu.Linux) builds,
/// and on a machine without a GPU or CUDA 13 its <c>--provider cuda</c> is the typed error naming what to install.
/// </summary>
[Collection(ToolBuildCollection.Name)]
public sealed class CudaBuildTests
{
    [LinuxX64Fact]
    public void The_cuda_build_builds_and_its_cuda_provider_either_runs_or_names_what_it_needs()
    {
        var repository = FixturePaths.RepositoryRoot;
        var build = InstalledTool.Run("dotnet", ["build", Path.Combine(repository, "src", "ResearchKit.Cli"), "-c", "Release", "-nologo", "-p:OnnxRuntimeFlavor=cuda"],
            repository, TimeSpan.FromMinutes(20));
        Assert.True(build.ExitCode == 0, build.Out + build.Error);
        var output = Path.Combine(repository, "artifacts", "cuda", "bin", "ResearchKit.Cli", "Release", "net10.0");
        Assert.True(File.Exists(Path.Combine(output, "runtimes", "linux-x64", "native", "libonnxruntime_providers_cuda.so")));

        using var scratch = new TempDirectory();
        var image = FixturePaths.Image("photo_coffee.jpg");
        var cuda = InstalledTool.Run("dotnet", [Path.Combine(output, "researchkit.dll"), "embed", image, "--model", "siglip-emoji", "--provider", "cuda"], scratch.Path, TimeSpan.FromMinutes(5));
        var cpu = CliRun.Invoke("embed", image, "--model", "siglip-emoji");
        if (cuda.ExitCode == 0)
        {
            // A machine with a GPU and CUDA 13: the vector agrees with the CPU build's to float tolerance.
            var (a, b) = (Vector(cuda.Out), Vector(cpu.Out));
            Assert.True(a.Zip(b, (x, y) => x * y).Sum() > 0.999f, "CUDA and CPU vectors differ");
            return;
        }
        Assert.Equal(2, cuda.ExitCode);
        Assert.Contains("error: Execution provider 'cuda' is in this ONNX Runtime build but could not start", cuda.Error);
        Assert.Contains("libcublas.so.13", cuda.Error);
        Assert.Contains("libcudnn.so.9", cuda.Error);
        Assert.Contains("hint: check `nvidia-smi`", cuda.Error);
    }

    private static float[] Vector(string output) =>
        [.. JsonDocument.Parse(output.Trim()).RootElement.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle())];
}

/// <summary>A fact that runs on Linux x64 only (the one platform ONNX Runtime's CUDA package has); elsewhere it reports as skipped.</summary>
public sealed class LinuxX64FactAttribute : FactAttribute
{
    public LinuxX64FactAttribute()
    {
        if (RuntimeInformation.RuntimeIdentifier != "linux-x64") Skip = "ONNX Runtime's CUDA package exists for linux-x64 only";
    }
}
