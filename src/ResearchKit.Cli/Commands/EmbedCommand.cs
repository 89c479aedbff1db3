using System.CommandLine;
using System.Text.Json;
using ResearchKit.Embeddings;

namespace ResearchKit.Cli.Commands;

/// <summary>
/// <c>researchkit embed IMAGE... --model DIR [--raw]</c> and <c>researchkit embed --text "TEXT" --model DIR [--raw]</c>:
/// prints <c>{"embedding":[...]}</c> (one line per input; with several images each line also names its source).
/// </summary>
public static class EmbedCommand
{
    public static Command Create(CliConsole console)
    {
        var images = new Argument<string[]>("images") { Description = "Image files to embed.", Arity = ArgumentArity.ZeroOrMore };
        var text = new Option<string[]>("--text", "-t") { Description = "Text to embed (repeatable).", AllowMultipleArgumentsPerToken = false };
        var raw = new Option<bool>("--raw") { Description = "Print the raw model output instead of the L2-normalised vector." };
        var throughput = new ThroughputArguments();
        var model = new ModelArguments();
        var command = new Command("embed", "Embed images or texts and print the vectors as JSON.");
        command.Arguments.Add(images);
        command.Options.Add(text);
        command.Options.Add(raw);
        throughput.AddTo(command);
        model.AddTo(command);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var imagePaths = parse.GetValue(images) ?? [];
            var texts = parse.GetValue(text) ?? [];
            if (imagePaths.Length == 0 && texts.Length == 0)
            {
                console.Error.WriteLine("error: give image files or --text \"...\" to embed.");
                return CommandGuard.UserError;
            }
            var useRaw = parse.GetValue(raw);
            var (batchSize, decodeWorkers) = (throughput.Batch(parse), throughput.Workers(parse));
            using var loaded = model.Open(parse, warnings: console.Error);
            var many = imagePaths.Length + texts.Length > 1;
            if (texts.Length > 0)
            {
                var result = loaded.EmbedTexts(texts, ct);
                for (var i = 0; i < texts.Length; i++)
                    Print(many ? texts[i] : null, useRaw ? result.Raw[i] : result.Normalized[i]);
            }
            if (imagePaths.Length == 0) return 0;

            var embedder = new ImageBatchEmbedder(loaded, new BatchEmbeddingOptions
            {
                BatchSize = batchSize,
                DecodeParallelism = decodeWorkers,
                OnPlan = plan => ThroughputArguments.Print(console.Error, loaded.Name, plan),
            });
            var outcome = await embedder.EmbedFilesAsync(imagePaths, cancellationToken: ct);
            foreach (var item in outcome.Items) Print(many ? item.Source : null, useRaw ? item.Raw : item.Normalized);
            foreach (var failure in outcome.Failures) console.Error.WriteLine($"error: {failure.Message}");
            return outcome.Failures.Count == 0 ? 0 : CommandGuard.UserError;
        }));
        return command;

        void Print(string? source, float[] vector) =>
            console.Out.WriteLine(source is null
                ? JsonSerializer.Serialize(new { embedding = vector })
                : JsonSerializer.Serialize(new { source, embedding = vector }));
    }
}
