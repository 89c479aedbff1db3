using System.Text.Json.Nodes;

namespace ResearchKit.Kernel.Scripting.Notebooks;

/// <summary>
/// The headless scripting host: runs a notebook's C# cells in order through the same evaluator as the kernel,
/// with papermill's parameter conventions, and writes an executed nbformat 4.5 notebook (atomically).
/// </summary>
public sealed class NotebookRunner
{
    private readonly TextWriter _log;

    /// <param name="log">Progress lines and, for scripts, the cells' text output.</param>
    public NotebookRunner(TextWriter log) => _log = log;

    /// <summary>Runs the file; a failing cell stops the run (unless AllowErrors) and is reported in the result, never thrown.</summary>
    public async Task<NotebookRunResult> RunAsync(NotebookRunOptions options, CancellationToken cancellationToken = default)
    {
        var notebook = NotebookFile.Load(options.InputPath);
        var isScript = Path.GetExtension(options.InputPath).Equals(".csx", StringComparison.OrdinalIgnoreCase);
        var outputPath = options.OutputPath ?? (isScript ? null : Path.ChangeExtension(options.InputPath, null) + ".out.ipynb");
        var cells = (JsonArray)notebook["cells"]!;
        InjectParameters(cells, options.Parameters);
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.InputPath))!;
        var evaluator = new CSharpEvaluator(new EvaluatorOptions { WorkingDirectory = directory });
        // Roslyn's first compilation is slow; warm it so that cost does not count against the first cell's timeout.
        await evaluator.WarmUpAsync().ConfigureAwait(false);
        var displays = new Dictionary<string, List<JsonObject>>();
        var started = DateTimeOffset.UtcNow;
        int executed = 0, index = 0;
        int? failedCell = null;
        CellError? firstError = null;
        foreach (var cell in cells.OfType<JsonObject>())
        {
            index++;
            if ((string?)cell["cell_type"] != "code") continue;
            var outputs = new JsonArray();
            cell["outputs"] = outputs;
            cell["execution_count"] = null;
            if (firstError is not null && !options.AllowErrors) continue;
            var source = NotebookFile.Source(cell);
            if (source.Trim().Length == 0) continue;
            executed++;
            cell["execution_count"] = executed;
            var name = $"cell {index}";
            var host = new NotebookCellHost(outputs, displays, name, isScript && outputPath is null ? _log : null);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (options.CellTimeout is { } limit) timeout.CancelAfter(limit);
            var outcome = await evaluator.EvaluateAsync(source, host, name, timeout.Token).ConfigureAwait(false);
            if (outcome.Result is { } result) host.AddResult(executed, result);
            if (outcome.Error is not { } error) continue;
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && options.CellTimeout is { } seconds)
                error = error with { Name = "CellTimeout", Message = $"{name} ran longer than {seconds.TotalSeconds:0.#} s and was interrupted." };
            host.AddError(error);
            _log.WriteLine($"{name} failed: {error.Name}: {error.Message}");
            if (firstError is null) (failedCell, firstError) = (index, error);
        }
        notebook["metadata"]!.AsObject()["researchkit"] = new JsonObject
        {
            ["parameters"] = new JsonObject(options.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["start_time"] = started.ToString("O"),
            ["end_time"] = DateTimeOffset.UtcNow.ToString("O"),
            ["exception"] = firstError is not null,
            ["input_path"] = options.InputPath,
        };
        if (outputPath is not null) NotebookFile.SaveAtomically(notebook, outputPath);
        return new NotebookRunResult(outputPath, executed, failedCell, firstError);
    }

    /// <summary>papermill's convention: drop an earlier injected cell, then inject after the "parameters" cell (or first).</summary>
    private void InjectParameters(JsonArray cells, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        foreach (var old in cells.OfType<JsonObject>().Where(c => HasTag(c, "injected-parameters")).ToList()) cells.Remove(old);
        if (parameters.Count == 0) return;
        var injected = NotebookFile.NewCell("code", NotebookParameters.ToCellSource(parameters), "injected-parameters");
        var anchor = cells.OfType<JsonObject>().Select((c, i) => (c, i)).FirstOrDefault(x => HasTag(x.c, "parameters"));
        if (anchor.c is null)
        {
            _log.WriteLine("note: no cell is tagged 'parameters'; the parameters are injected at the top.");
            cells.Insert(0, injected);
        }
        else
        {
            cells.Insert(anchor.i + 1, injected);
        }
    }

    private static bool HasTag(JsonObject cell, string tag) =>
        cell["metadata"]?["tags"] is JsonArray tags && tags.Any(t => t?.GetValue<string>() == tag);
}
