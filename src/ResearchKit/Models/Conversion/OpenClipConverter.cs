namespace ResearchKit.Models.Conversion;

/// <summary>
/// Turns an open_clip EVA02-CLIP checkpoint (as the hub ships it) into the open_clip ONNX layout ResearchKit loads, by
/// running models/recipes/convert_open_clip.py. The recipe writes into a private staging folder inside the output
/// folder; only after the ONNX towers reproduce the PyTorch outputs on the recipe's probe inputs are the files renamed
/// into place, so a failed or interrupted conversion never leaves a half-written model, and two conversions of the
/// same checkpoint at once each publish complete files.
/// </summary>
public static class OpenClipConverter
{
    private const string StagingPrefix = ".convert-";
    private static readonly TimeSpan StaleStaging = TimeSpan.FromDays(1);

    /// <summary>Converts <see cref="OpenClipConversionOptions.CheckpointDirectory"/> into <see cref="OpenClipConversionOptions.OutputDirectory"/>.</summary>
    /// <param name="options">Checkpoint, output folder, Python and recipe.</param>
    /// <param name="log">Receives one line per step.</param>
    /// <param name="cancellationToken">Stops the recipe (its process tree is ended) and leaves the output folder as it was.</param>
    /// <exception cref="ModelConversionException">A file or tool is missing, the recipe rejects the checkpoint, or the export fails its check.</exception>
    public static async Task<OpenClipConversionResult> ConvertAsync(OpenClipConversionOptions options, IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var checkpoint = Path.GetFullPath(options.CheckpointDirectory);
        CheckCheckpoint(checkpoint);
        var recipe = Path.GetFullPath(options.Recipe);
        if (!File.Exists(recipe))
            throw new ModelConversionException(recipe, "the conversion recipe is missing.");

        var output = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(output);
        RemoveStaleStaging(output);
        var staging = Path.Combine(output, StagingPrefix + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            log?.Report($"converting {checkpoint} with {options.Python} {Path.GetFileName(recipe)} ({options.Threads} thread(s))");
            var run = await PythonProcess.RunAsync(options.Python, [recipe, checkpoint, staging, options.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false)
                ?? throw new ModelConversionException(options.Python, "the Python interpreter could not be started.");
            if (run.ExitCode == 2)
                throw new ModelConversionException(checkpoint, RecipeError(run.Error));
            if (run.ExitCode != 0)
                throw new ModelConversionException(checkpoint, $"the recipe failed (exit {run.ExitCode}): {Tail(run.Error)}");

            log?.Report("checking the ONNX towers against the PyTorch outputs on the probe inputs");
            var probe = ConversionProbe.Check(staging, options.ProbeTolerance);
            var published = Publish(staging, output);
            log?.Report($"image cosine {probe.ImageCosine:F6}, text cosine {probe.TextCosine:F6}; published {published.Count} file(s) into {output}");
            return new OpenClipConversionResult(output, probe, published);
        }
        finally
        {
            TryDeleteDirectory(staging);
        }
    }

    /// <summary>The files a checkpoint folder needs before the recipe runs, checked here so the error comes at once.</summary>
    private static void CheckCheckpoint(string checkpoint)
    {
        if (!Directory.Exists(checkpoint))
            throw new ModelConversionException(checkpoint, "the folder does not exist; pass an open_clip checkpoint folder or a registry name you pulled.");
        string[] needed = ["open_clip_config.json", "vocab.json", "merges.txt"];
        var missing = needed.Where(name => !File.Exists(Path.Combine(checkpoint, name))).ToList();
        if (!File.Exists(Path.Combine(checkpoint, "open_clip_model.safetensors")) && !File.Exists(Path.Combine(checkpoint, "open_clip_pytorch_model.bin")))
            missing.Add("open_clip_model.safetensors (or open_clip_pytorch_model.bin)");
        if (missing.Count > 0)
            throw new ModelConversionException(checkpoint, $"not a complete open_clip checkpoint: {string.Join(", ", missing)} missing; download the repository's files again.");
    }

    /// <summary>Moves the staged files over the output's; identical small files (a checkpoint folder's own config) are left alone.</summary>
    private static List<string> Publish(string staging, string output)
    {
        // The graphs go in before conversion.json, so the record is only ever beside the graphs it describes.
        var files = Directory.GetFiles(staging).Select(Path.GetFileName).OfType<string>()
            .OrderBy(name => name == ConversionProbe.RecordFile ? 2 : name.EndsWith(".onnx", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(name => name, StringComparer.Ordinal).ToList();
        var published = new List<string>();
        foreach (var name in files)
        {
            var source = Path.Combine(staging, name);
            var target = Path.Combine(output, name);
            if (!name.EndsWith(".onnx", StringComparison.Ordinal) && name != ConversionProbe.RecordFile && SameBytes(source, target))
                continue;
            File.Move(source, target, overwrite: true);
            published.Add(name);
        }
        return published;
    }

    private static bool SameBytes(string a, string b)
    {
        if (!File.Exists(b)) return false;
        var left = new FileInfo(a);
        var right = new FileInfo(b);
        return left.Length == right.Length && left.Length < (16 << 20) && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
    }

    /// <summary>Staging folders that a killed conversion left behind; a day-old one is no longer in use.</summary>
    private static void RemoveStaleStaging(string output)
    {
        foreach (var dir in Directory.EnumerateDirectories(output, StagingPrefix + "*"))
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) > StaleStaging)
                TryDeleteDirectory(dir);
    }

    private static string RecipeError(string stderr)
    {
        var line = stderr.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("error: ", StringComparison.Ordinal));
        return line is null ? $"the recipe rejected the checkpoint: {Tail(stderr)}" : line["error: ".Length..];
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        return lines.Length == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(12));
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
