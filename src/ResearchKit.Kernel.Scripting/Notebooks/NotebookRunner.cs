using System.Text.Json.Nodes;

namespace ResearchKit.Kernel.Scripting.Notebooks;

/// <summary>
/// The headless scripting host: runs a notebook's C# cells in order through an <see cref="INotebookSession"/> (the CLI's
/// is a kernel process, so a cell that ends its process fails alone), with papermill's parameter conventions, and writes
/// an executed nbformat 4.5 notebook atomically after every cell.
/// </summary>
public sealed class NotebookRunner
{
    private readonly TextWriter _log;
    private readonly Func<string, CancellationToken, Task<INotebookSession>> _startSession;

    /// <param name="log">Progress lines and, for scripts, the cells' text output.</param>
    /// <param name="startSession">Starts the session for a working directory (the notebook's folder); default: in this process.</param>
    public NotebookRunner(TextWriter log, Func<string, CancellationToken, Task<INotebookSession>>? startSession = null)
    {
        _log = log;
        _startSession = startSession ?? EvaluatorSession.StartAsync;
    }

    /// <summary>
    /// Runs the file; a failing cell stops the run (unless AllowErrors) and is reported in the result, never thrown.
    /// Cancelling interrupts the running cell, saves what ran, and returns with <see cref="NotebookRunResult.Cancelled"/>.
    /// </summary>
    public async Task<NotebookRunResult> RunAsync(NotebookRunOptions options, CancellationToken cancellationToken = default)
    {
        var notebook = NotebookFile.Load(options.InputPath);
        var isScript = Path.GetExtension(options.InputPath).Equals(".csx", StringComparison.OrdinalIgnoreCase);
        var outputPath = options.OutputPath ?? (isScript ? null : Path.ChangeExtension(options.InputPath, null) + ".out.ipynb");
        var cells = (JsonArray)notebook["cells"]!;
        InjectParameters(cells, options.Parameters);
        foreach (var code in cells.OfType<JsonObject>().Where(c => (string?)c["cell_type"] == "code"))
        {
            code["outputs"] = new JsonArray();
            code["execution_count"] = null;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.InputPath))!;
        var run = new RunRecord(notebook, options, outputPath);
        await using var session = await _startSession(directory, cancellationToken).ConfigureAwait(false);
        var displays = new Dictionary<string, List<JsonObject>>();
        int executed = 0, index = 0;
        foreach (var cell in cells.OfType<JsonObject>())
        {
            index++;
            if ((string?)cell["cell_type"] != "code") continue;
            if (run.Error is not null && !options.AllowErrors || !session.IsAlive || cancellationToken.IsCancellationRequested) break;
            var source = Polyglot.PolyglotMetadata.SourceForKernel(notebook, cell, NotebookFile.Source(cell));
            if (source.Trim().Length == 0) continue;
            executed++;
            cell["execution_count"] = executed;
            var name = $"cell {index}";
            var host = new NotebookCellHost((JsonArray)cell["outputs"]!, displays, name, isScript && outputPath is null ? _log : null);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (options.CellTimeout is { } limit) timeout.CancelAfter(limit);
            var outcome = await session.RunCellAsync(source, host, name, timeout.Token).ConfigureAwait(false);
            if (outcome.Result is { } result) host.AddResult(executed, result);
            if (outcome.Error is { } error)
            {
                if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && options.CellTimeout is { } seconds && error.Name == "CellInterrupted")
                    error = error with { Name = "CellTimeout", Message = $"{name} ran longer than {seconds.TotalSeconds:0.#} s and was interrupted." };
                host.AddError(error);
                _log.WriteLine($"{name} failed: {error.Name}: {error.Message}");
                run.Fail(index, error);
            }
            run.Save(executed);
        }
        if (!session.IsAlive && run.Error is not null) _log.WriteLine("the kernel ended; the cells after the failed one were not run.");
        var cancelled = cancellationToken.IsCancellationRequested;
        if (cancelled) _log.WriteLine($"interrupted; the notebook was saved with the {executed} cells that ran.");
        run.Save(executed, cancelled);
        return new NotebookRunResult(outputPath, executed, run.FailedCell, run.Error) { Cancelled = cancelled };
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

    /// <summary>The run's record in the notebook's metadata, written with the notebook after every cell.</summary>
    private sealed class RunRecord(JsonObject notebook, NotebookRunOptions options, string? outputPath)
    {
        private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

        public int? FailedCell { get; private set; }
        public CellError? Error { get; private set; }

        public void Fail(int cell, CellError error)
        {
            if (Error is null) (FailedCell, Error) = (cell, error);
        }

        public void Save(int cellsRun, bool cancelled = false)
        {
            notebook["metadata"]!.AsObject()["researchkit"] = new JsonObject
            {
                ["parameters"] = new JsonObject(options.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["start_time"] = _started.ToString("O"),
                ["end_time"] = DateTimeOffset.UtcNow.ToString("O"),
                ["exception"] = Error is not null,
                ["cells_run"] = cellsRun,
                ["interrupted"] = cancelled,
                ["input_path"] = options.InputPath,
            };
            if (outputPath is not null) NotebookFile.SaveAtomically(notebook, outputPath);
        }
    }
}
