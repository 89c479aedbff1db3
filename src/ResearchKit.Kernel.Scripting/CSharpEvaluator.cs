using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using ResearchKit.Kernel.Scripting.Console;
using ResearchKit.Kernel.Scripting.Display;
using ResearchKit.Kernel.Scripting.References;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// Runs C# cells with Roslyn scripting, one after another, carrying variables and definitions from cell to cell.
/// A cell's Console output, displays and input go to its <see cref="ICellHost"/>; its last expression becomes the result.
/// Cells written for .NET Interactive run too (<c>#r "nuget: …"</c>, <c>#i</c>, magic commands, HTML/JavaScript/Markdown cells).
/// </summary>
public sealed partial class CSharpEvaluator
{
    /// <summary>
    /// The warm-up: the everyday constructs of a cell (declarations, object and collection creation, a type, a lambda,
    /// LINQ, interpolation), so Roslyn's code for them is compiled before the first real cell. The kernel runs with
    /// tiered compilation off, where each of Roslyn's methods is compiled once, optimised, when first used: a first cell
    /// with constructs the warm-up did not use cost ~250 ms of CPU against ~95 ms with tiering.
    /// </summary>
    private const string WarmUpCell = """
        var items = new System.Collections.Generic.List<int> { 1, 2, 3 };
        record WarmUp(string Name) { public int Count { get; set; } }
        var warm = new WarmUp("warm") { Count = items.Where(i => i > 1).Sum() };
        foreach (var i in items) warm.Count += i;
        var text = $"{warm.Name}: {warm.Count}";
        text.Length
        """;

    /// <summary>Compilations a cell may take to find the references it needs before the session binds all of them.</summary>
    private const int MaxBindRounds = 6;

    private readonly EvaluatorOptions _options;
    private readonly ScriptEnvironment _environment;
    private volatile bool _fullReferences;
    private readonly NotebookGlobals _globals = new();
    private readonly PlotlyLoader _charts = new();
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly object _gate = new();
    private Task? _warmUp;
    private ScriptState<object>? _state;
    private int _cells;

    public CSharpEvaluator(EvaluatorOptions? options = null, DisplayFormatterRegistry? formatters = null)
    {
        _options = options ?? new EvaluatorOptions();
        Formatters = formatters ?? DisplayFormatterRegistry.CreateDefault();
        _environment = ScriptEnvironment.Create(_options);
        _packages = new SessionPackages(new NuGetScriptRestorer(_options.PackageCacheDirectory, _options.NuGetConfigFile), ScriptEnvironment.ReferencePaths());
        ConsoleRedirection.EnsureInstalled();
        Polyglot.InteractiveFormatting.Install();
    }

    /// <summary>The formatters used for results and <c>display(x)</c>; register your own to override.</summary>
    public DisplayFormatterRegistry Formatters { get; }

    /// <summary>
    /// Compiles and runs a trivial script in a throw-away state, so the first real cell does not pay Roslyn's start-up.
    /// Cells wait for it: compiling beside it can bind a cell to a second copy of the core library's symbols (CS0172 on strings).
    /// </summary>
    public Task WarmUpAsync()
    {
        lock (_gate) return _warmUp ??= Task.Run(async () =>
        {
            var script = SerialCompilation.Apply(CSharpScript.Create(WarmUpCell, _environment.Bound, typeof(NotebookGlobals)));
            var state = await script.RunAsync(new NotebookGlobals()).ConfigureAwait(false);
            // And the formatters' code for a number and a sequence (a table), which a first result would otherwise wait for.
            Formatters.Format(state.ReturnValue);
            Formatters.Format(state.GetVariable("items")?.Value);
        });
    }

    /// <summary>Runs one cell. Errors (compile, runtime, interrupt, failed <c>#r</c>) come back in the outcome, never thrown.</summary>
    public async Task<CellOutcome> EvaluateAsync(string code, ICellHost host, string? cellName = null, CancellationToken interrupted = default)
    {
        await _running.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await WarmedUp().ConfigureAwait(false);
            var name = cellName ?? $"cell {Interlocked.Increment(ref _cells)}";
            _charts.CellStarting(host.CellId);
            var context = new CellContext(host, Formatters, _charts, name, _options.MaxOutputChars, interrupted);
            var run = Task.Run(() => RunCellAsync(code, context), CancellationToken.None);
            var stopped = Task.Delay(Timeout.Infinite, interrupted);
            if (await Task.WhenAny(run, stopped).ConfigureAwait(false) == run) return await run.ConfigureAwait(false);
            // Interrupted: let compilation finish (it observes the token), give the code time to reach a check,
            // then stop waiting for code that cannot be interrupted.
            await Task.WhenAny(run, context.Compiled.Task).ConfigureAwait(false);
            if (await Task.WhenAny(run, Task.Delay(_options.InterruptGrace, CancellationToken.None)).ConfigureAwait(false) == run)
                return await run.ConfigureAwait(false);
            context.Abandoned = true;
            var message = $"{name} was interrupted but is blocked in a call that cannot be interrupted (e.g. Thread.Sleep or synchronous I/O); it keeps running in the background and its changes are discarded. Restart the kernel to stop it.";
            return new CellOutcome(null, new CellError("CellInterrupted", message, [$"CellInterrupted: {message}"]));
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>How many references cells compile against now, and how many there are in all (for tests).</summary>
    internal (int Bound, int All) ReferenceCounts =>
        ((_fullReferences ? _environment.Full : _environment.Bound).MetadataReferences.Length, _environment.Full.MetadataReferences.Length);

    /// <summary>A compilation of <paramref name="code"/> as the next cell, for completion and inspection.</summary>
    internal (SemanticModel Model, SyntaxTree Tree) CompileForEditing(string code)
    {
        WarmedUp().GetAwaiter().GetResult();
        var script = _state is { } state
            ? state.Script.ContinueWith(code, _environment.Full)
            : CSharpScript.Create(code, _environment.Full, typeof(NotebookGlobals));
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        return (compilation.GetSemanticModel(tree), tree);
    }

    /// <summary>The warm-up, if one was started; its failure is not the cell's (the cell will report its own).</summary>
    private async Task WarmedUp()
    {
        Task? warmUp;
        lock (_gate) warmUp = _warmUp;
        if (warmUp is null) return;
        try { await warmUp.ConfigureAwait(false); }
        catch (Exception) { /* a broken environment shows up in the cell's own compilation */ }
    }

    private async Task<CellOutcome> RunAsync(string code, CellContext context)
    {
        CellContext.Current = context;
        try
        {
            var rewritten = InterruptionInjector.Rewrite(code, ScriptEnvironment.ParseOptions);
            var previous = _state;
            var (script, errors) = Compile(previous, rewritten, context.Interrupted);
            context.Compiled.TrySetResult();
            if (errors.Count > 0) return new CellOutcome(null, CellErrorFormatter.FromDiagnostics(context.CellName, errors));
            var state = previous is null
                ? await script.RunAsync(_globals, _ => true, context.Interrupted).ConfigureAwait(false)
                : await script.RunFromAsync(previous, _ => true, context.Interrupted).ConfigureAwait(false);
            if (context.Abandoned) return new CellOutcome(null, null);
            _state = state;
            if (state.Exception is { } thrown) return new CellOutcome(null, CellErrorFormatter.FromException(context.CellName, thrown));
            var result = HasTrailingExpression(code) && state.ReturnValue is { } value ? _charts.Attach(Formatters.Format(value)) : null;
            return new CellOutcome(result, null);
        }
        catch (CompilationErrorException e)
        {
            return new CellOutcome(null, CellErrorFormatter.FromDiagnostics(context.CellName, e.Diagnostics));
        }
        catch (NuGetRestoreException e)
        {
            return new CellOutcome(null, new CellError(nameof(NuGetRestoreException), e.Message, e.Message.Split('\n')));
        }
        catch (Exception e)
        {
            return new CellOutcome(null, CellErrorFormatter.FromException(context.CellName, e));
        }
        finally
        {
            context.Compiled.TrySetResult();
            context.Flush();
            CellContext.Current = null;
        }
    }

    /// <summary>
    /// Compiles the cell against the session's bound references; a cell that fails there is compiled again against all
    /// of them, and when that works, the assemblies it needs join the bound set (references only ever grow) and it is
    /// compiled once more against that. When the needed set cannot be found in a few rounds, the session compiles
    /// against all references from then on.
    /// </summary>
    private (Script<object> Script, List<Diagnostic> Errors) Compile(ScriptState<object>? previous, string code, CancellationToken interrupted)
    {
        (Script<object>, List<Diagnostic>) Try(ScriptOptions options)
        {
            var script = SerialCompilation.Apply(previous is null
                ? CSharpScript.Create(code, options, typeof(NotebookGlobals))
                : previous.Script.ContinueWith(code, options));
            return (script, [.. script.Compile(interrupted).Where(d => d.Severity == DiagnosticSeverity.Error)]);
        }
        if (_fullReferences) return Try(_environment.Full);
        var bound = Try(_environment.Bound);
        if (bound.Item2.Count == 0) return bound;
        var full = Try(_environment.Full);
        if (full.Item2.Count > 0) return full;
        // The cell compiles against everything: bind what it names, then what the compiler says is still missing.
        var wanted = SubmissionReferences.Named(full.Item1.GetCompilation(), interrupted)
            .Concat(SubmissionReferences.Missing(bound.Item2, _environment.Full.MetadataReferences));
        for (var round = 0; round < MaxBindRounds && _environment.Bind(wanted); round++)
        {
            bound = Try(_environment.Bound);
            if (bound.Item2.Count == 0) return bound;
            wanted = SubmissionReferences.Missing(bound.Item2, _environment.Full.MetadataReferences);
        }
        _fullReferences = true;
        return full;
    }

    private static bool HasTrailingExpression(string code)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, ScriptEnvironment.ParseOptions).GetRoot();
        return root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } };
    }
}
