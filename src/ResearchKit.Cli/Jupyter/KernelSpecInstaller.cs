using System.Text.Json;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace ResearchKit.Cli.Jupyter;

/// <summary>Writes the Jupyter kernelspec (kernel.json and logos) that makes front ends start this kernel.</summary>
public static class KernelSpecInstaller
{
    /// <summary>The kernelspec name notebooks refer to.</summary>
    public const string KernelName = "researchkit-csharp";

    /// <summary>
    /// .NET Interactive's kernelspec name for C#, which Polyglot notebooks carry and papermill's C# parameter translator is
    /// registered under (papermill/translators.py); installed only on request, since it takes that name over.
    /// </summary>
    public const string PolyglotKernelName = ".net-csharp";

    /// <summary>
    /// The kernel process's runtime settings (kernel.json "env", and <c>notebook run</c>'s kernel). Tiered compilation off:
    /// every cell is a Roslyn compilation, and with tiering Roslyn's methods are compiled two or three times over the
    /// first hundreds of cells (tier 0, instrumented, tier 1), the biggest share of a cell's CPU. Off, each is compiled
    /// once, optimised: measured 11 ms to 4.7 ms of CPU per trivial cell, for ~0.3 s more CPU at start. Thread-pool
    /// threads do not spin before they sleep: a cell hands work between a few threads, and spinning burnt CPU each time
    /// (4.7 to 4.1 ms per cell). Figures in docs/kernel.md.
    /// </summary>
    public static IReadOnlyDictionary<string, string> KernelEnvironment { get; } = new Dictionary<string, string>
    {
        ["DOTNET_TieredCompilation"] = "0",
        ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
    };

    /// <summary>The user's Jupyter data folder: $JUPYTER_DATA_DIR, else the platform default.</summary>
    public static string UserDataDirectory() =>
        Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } dir ? dir
        : OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter")
        : OperatingSystem.IsMacOS() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Library", "Jupyter")
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"), "jupyter");

    /// <summary>
    /// Installs under <paramref name="dataDirectory"/>/kernels/researchkit-csharp (or, with <paramref name="polyglot"/>,
    /// under .net-csharp) and returns that folder. A .net-csharp kernelspec that ResearchKit did not write (.NET
    /// Interactive's own) is kept unless <paramref name="replace"/> is set.
    /// </summary>
    public static string Install(string dataDirectory, IReadOnlyList<string> launcher, bool polyglot = false, bool replace = false)
    {
        var name = polyglot ? PolyglotKernelName : KernelName;
        var folder = Path.Combine(dataDirectory, "kernels", name);
        var existing = Path.Combine(folder, "kernel.json");
        if (polyglot && !replace && File.Exists(existing) && !WrittenByResearchKit(existing))
            throw new KernelSpecConflictException(existing);
        Directory.CreateDirectory(folder);
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray([.. launcher.Select(a => (JsonNode)a), "kernel", "start", "--connection-file", "{connection_file}"]),
            // Polyglot notebooks record language "C#" for this kernelspec; keep what they expect.
            ["display_name"] = polyglot ? ".NET (C#) — ResearchKit" : "C# (ResearchKit)",
            ["language"] = polyglot ? "C#" : "csharp",
            ["interrupt_mode"] = "message",
            ["env"] = new JsonObject([.. KernelEnvironment.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))]),
            ["metadata"] = new JsonObject { ["debugger"] = false, ["researchkit"] = true },
        };
        File.WriteAllText(Path.Combine(folder, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        foreach (var size in new[] { 32, 64 }) File.WriteAllBytes(Path.Combine(folder, $"logo-{size}x{size}.png"), Logo(size));
        return folder;
    }

    private static bool WrittenByResearchKit(string kernelJson)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(kernelJson))?["metadata"]?["researchkit"]?.GetValue<bool>() == true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// How to start this tool again: the command <c>dotnet tool install</c> put on the PATH when this is an installed
    /// tool (it survives <c>dotnet tool update</c>), else the apphost, or <c>dotnet researchkit.dll</c> when it runs
    /// through the muxer or inside another host (a test runner).
    /// </summary>
    public static IReadOnlyList<string> CurrentLauncher()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var name = Path.GetFileNameWithoutExtension(process);
        if (name.Equals("researchkit", StringComparison.OrdinalIgnoreCase)) return [InstalledToolCommand(process) ?? process];
        var dotnet = name.Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? process
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return [dotnet, typeof(KernelSpecInstaller).Assembly.Location];
    }

    /// <summary>
    /// The tool path's command for an apphost that lives in its <c>.store</c> (TOOLPATH/.store/ID/VERSION/.../researchkit
    /// beside TOOLPATH/researchkit), or null when <paramref name="apphost"/> is not an installed tool's.
    /// </summary>
    public static string? InstalledToolCommand(string apphost)
    {
        for (var folder = Path.GetDirectoryName(apphost); folder is not null; folder = Path.GetDirectoryName(folder))
            if (Path.GetFileName(folder) == ".store")
            {
                var command = Path.Combine(Path.GetDirectoryName(folder)!, Path.GetFileName(apphost));
                return File.Exists(command) ? command : null;
            }
        return null;
    }

    /// <summary>A simple square logo: a violet tile with a white sharp sign, drawn with lines so no font is needed.</summary>
    public static byte[] Logo(int size)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        using var tile = new SKPaint { Color = new SKColor(0x68, 0x21, 0x7A), IsAntialias = true };
        canvas.DrawRoundRect(new SKRect(0, 0, size, size), size / 6f, size / 6f, tile);
        using var pen = new SKPaint { Color = SKColors.White, StrokeWidth = size / 12f, IsAntialias = true, Style = SKPaintStyle.Stroke };
        float a = size * 0.3f, b = size * 0.7f, lo = size * 0.2f, hi = size * 0.8f;
        canvas.DrawLine(size * 0.4f, lo, size * 0.35f, hi, pen);
        canvas.DrawLine(size * 0.65f, lo, size * 0.6f, hi, pen);
        canvas.DrawLine(lo, a + size * 0.08f, hi, a + size * 0.08f, pen);
        canvas.DrawLine(lo, b - size * 0.08f, hi, b - size * 0.08f, pen);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
