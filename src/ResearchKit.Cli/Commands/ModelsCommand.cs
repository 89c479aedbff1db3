using System.CommandLine;
using System.Globalization;
using ResearchKit.Embeddings;
using ResearchKit.Models.Hub;
using Spectre.Console;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit models list|pull|verify|convert</c>: the model registry and the hub cache.</summary>
public static class ModelsCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("models", "List, download, verify and convert the models ResearchKit knows by name.");
        command.Subcommands.Add(CreateList(console));
        command.Subcommands.Add(CreatePull(console));
        command.Subcommands.Add(CreateVerify(console));
        command.Subcommands.Add(ModelsConvertCommand.Create(console));
        return command;
    }

    internal static Option<string?> CacheDirOption() => new("--cache-dir")
    {
        Description = "Hugging Face hub cache to use (default: $HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub).",
    };

    internal static Option<string?> RegistryOption() => new("--registry")
    {
        Description = "Registry file to read instead of the one shipped with the tool.",
    };

    private static ModelRegistry LoadRegistry(string? path) => ShippedFiles.Tool.LoadRegistry(path);

    private static Option<string?> VariantOption() => new("--variant")
    {
        Description = "Graph variant to use instead of fp32 (fp16, quantized, int8, uint8, q4, q4f16, bnb4; `models list` shows each model's).",
    };

    private static Command CreateList(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Write the list as JSON." };
        var cacheDir = CacheDirOption();
        var registryPath = RegistryOption();
        var command = new Command("list", "List the registry's models and whether each is in the cache.");
        command.Options.Add(json);
        command.Options.Add(cacheDir);
        command.Options.Add(registryPath);
        command.SetAction((parse, _) => CommandGuard.RunAsync(console, () =>
        {
            var registry = LoadRegistry(parse.GetValue(registryPath));
            var cache = new HubCache(parse.GetValue(cacheDir));
            var rows = registry.Entries.Select(e => new ListRow(e, cache.FindSnapshot(e))).ToArray();
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(ModelRegistry.ToJson(rows.Select(r => new
                {
                    name = r.Entry.Name,
                    family = r.Entry.Family,
                    repo = r.Entry.Repo,
                    revision = r.Entry.Revision,
                    embeddingDim = r.Entry.EmbeddingDim,
                    imageSize = r.Entry.ImageSize,
                    sizeBytes = r.Entry.TotalSize,
                    license = r.Entry.License,
                    layout = r.Entry.Layout,
                    pullable = r.Entry.Pullable,
                    variants = r.Entry.Variants.Select(v => new { name = v.Name, caution = v.Caution }).ToArray(),
                    logits = r.Entry.Logits,
                    pulled = r.Snapshot is not null,
                    snapshot = r.Snapshot,
                }).ToArray()));
                return Task.FromResult(0);
            }
            WriteTable(console.Out, ["NAME", "FAMILY", "LAYOUT", "DIM", "IMAGE", "SIZE", "LICENCE", "VARIANTS", "PULLED"],
                rows.Select(r => new[]
                {
                    r.Entry.Name, FamilyName(r.Entry), r.Entry.Layout.ToString().ToLowerInvariant(), r.Entry.EmbeddingDim.ToString(CultureInfo.InvariantCulture),
                    r.Entry.ImageSize.ToString(CultureInfo.InvariantCulture), r.Entry.TotalSize is { } s ? FormatBytes(s) : "unknown",
                    r.Entry.License, r.Entry.Variants.Count == 0 ? "-" : string.Join(",", r.Entry.Variants.Select(v => v.Caution is null ? v.Name : v.Name + "!")),
                    r.Snapshot is not null ? "yes" : r.Entry.Pullable ? "no" : "no (export)",
                }));
            if (rows.Any(r => r.Entry.Variants.Any(v => v.Caution is not null)))
                console.Error.WriteLine("variants marked ! embed measurably differently from fp32; `models list --json` gives the caution.");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command CreatePull(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "Registry name, e.g. facebook/dinov2-small (see `researchkit models list`)." };
        var cacheDir = CacheDirOption();
        var registryPath = RegistryOption();
        var endpoint = new Option<string?>("--endpoint") { Description = "Hub address (default: $HF_ENDPOINT or https://huggingface.co)." };
        var variantOption = VariantOption();
        var command = new Command("pull", "Download a model into the hub cache (reuses cached files, resumes partial ones, verifies every file, fetches the graphs' external data).");
        command.Arguments.Add(name);
        command.Options.Add(cacheDir);
        command.Options.Add(registryPath);
        command.Options.Add(endpoint);
        command.Options.Add(variantOption);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var entry = LoadRegistry(parse.GetValue(registryPath)).Find(parse.GetValue(name)!);
            var variant = entry.Variant(parse.GetValue(variantOption));
            using var client = new HubClient(new HubClientOptions { CacheDirectory = parse.GetValue(cacheDir), Endpoint = parse.GetValue(endpoint) });
            console.Error.WriteLine($"pulling {entry.Name}{(variant is null ? "" : $" (variant {variant.Name})")} from {client.Endpoint}/{entry.Repo} ({entry.Revision}) into {client.Cache.Root}");
            if (variant?.Caution is { } caution) console.Error.WriteLine($"warning: {entry.Name} variant {variant.Name}: {caution}");

            PullResult result;
            if (console.Interactive)
            {
                result = await console.Ansi.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                    .StartAsync(async ctx =>
                    {
                        var tasks = new Dictionary<string, ProgressTask>();
                        var progress = new ImmediateProgress<DownloadProgress>(p =>
                        {
                            if (!tasks.TryGetValue(p.File, out var task))
                                tasks[p.File] = task = ctx.AddTask(Markup.Escape(p.File), maxValue: Math.Max(1, p.Total ?? 1));
                            if (p.Total is { } total) task.MaxValue = Math.Max(1, total);
                            task.Value = p.BytesDone;
                            if (p.FromCache) task.Description = Markup.Escape(p.File) + " [grey](cached)[/]";
                        });
                        return await client.PullAsync(entry, variant?.Name, progress, ct);
                    });
            }
            else
            {
                var started = new HashSet<string>();
                var finished = new HashSet<string>();
                var progress = new ImmediateProgress<DownloadProgress>(p =>
                {
                    if (p.FromCache) { if (finished.Add(p.File)) console.Error.WriteLine($"  cached      {p.File}"); return; }
                    if (started.Add(p.File))
                        console.Error.WriteLine(p.BytesDone > 0 ? $"  resuming    {p.File} at {FormatBytes(p.BytesDone)} of {Total(p)}" : $"  downloading {p.File} ({Total(p)})");
                    if (p.Completed && finished.Add(p.File)) console.Error.WriteLine($"  done        {p.File}");
                });
                result = await client.PullAsync(entry, variant?.Name, progress, ct);
            }
            console.Error.WriteLine($"pulled {entry.Name}: {result.FilesDownloaded} file(s) downloaded ({FormatBytes(result.BytesDownloaded)}), {result.FilesReused} already cached; commit {result.Commit}");
            if (result.ExternalFiles.Count > 0)
                console.Error.WriteLine($"  the graphs keep their weights in {result.ExternalFiles.Count} external file(s): {string.Join(", ", result.ExternalFiles)}");
            console.Out.WriteLine(result.SnapshotDirectory);
            return 0;
        }));
        return command;
    }

    private static Command CreateVerify(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "Registry name of a pulled model." };
        var cacheDir = CacheDirOption();
        var registryPath = RegistryOption();
        var dir = new Option<string?>("--dir") { Description = "Check this directory against the registry entry instead of the cached snapshot." };
        var variantOption = VariantOption();
        var command = new Command("verify", "Check a pulled model's files (and its graphs' external data) against the registry's sizes and SHA-256; exits 1 on any mismatch.");
        command.Arguments.Add(name);
        command.Options.Add(cacheDir);
        command.Options.Add(registryPath);
        command.Options.Add(dir);
        command.Options.Add(variantOption);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var entry = LoadRegistry(parse.GetValue(registryPath)).Find(parse.GetValue(name)!);
            var variant = parse.GetValue(variantOption);
            var report = parse.GetValue(dir) is { } directory
                ? await ModelVerifier.VerifyAsync(entry, directory, variant, ct)
                : await ModelVerifier.VerifyPulledAsync(entry, new HubCache(parse.GetValue(cacheDir)), variant, ct);
            foreach (var file in report.Files)
                console.Out.WriteLine((file.Ok ? "ok    " : "FAIL  ") + file.Describe());
            if (!report.Complete)
                console.Error.WriteLine($"note: the registry records no size and/or sha256 for some files of {entry.Name}; only what is recorded was checked.");
            if (report.Ok) return 0;
            var failures = report.Failures.ToArray();
            console.Error.WriteLine($"error: {failures.Length} of {report.Files.Count} file(s) of {entry.Name} in {report.Directory} failed verification: "
                + string.Join("; ", failures.Select(f => f.Describe())) + $". Run `researchkit models pull {entry.Name}{(variant is null ? "" : " --variant " + variant)}` to repair.");
            return 1;
        }));
        return command;
    }

    private static string FamilyName(RegistryEntry entry) => entry.Family.ToString().ToLowerInvariant();

    private static string Total(DownloadProgress p) => p.Total is { } t ? FormatBytes(t) : "size unknown";

    internal static string FormatBytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1) { value /= 1024; unit++; }
        return unit == 0 ? $"{bytes} B" : value.ToString(value >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static void WriteTable(TextWriter output, string[] headers, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(headers).ToArray();
        var widths = headers.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
    }

    private sealed record ListRow(RegistryEntry Entry, string? Snapshot);
}
