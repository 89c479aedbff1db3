using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace ResearchKit.Kernel.Scripting;

/// <summary>Turns compiler diagnostics and thrown exceptions into readable errors: cell name, line, message; no Roslyn plumbing frames.</summary>
public static class CellErrorFormatter
{
    /// <summary>Compile errors, one line each: "cell 3 (2,5): error CS0103: …".</summary>
    public static CellError FromDiagnostics(string cellName, IEnumerable<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var lines = errors.Select(d =>
        {
            var position = d.Location.GetLineSpan().StartLinePosition;
            return $"{cellName} ({position.Line + 1},{position.Character + 1}): error {d.Id}: {d.GetMessage()}";
        }).ToList();
        return new CellError("CompilationError", errors.Count > 0 ? $"{errors[0].Id}: {errors[0].GetMessage()}" : "compilation failed", lines);
    }

    /// <summary>An exception thrown by a cell: type and message, the cell's own frames with line numbers, then inner exceptions.</summary>
    public static CellError FromException(string cellName, Exception exception)
    {
        while (exception is TargetInvocationException { InnerException: { } inner }) exception = inner;
        if (exception is OperationCanceledException)
            return new CellError("CellInterrupted", $"{cellName} was interrupted.", [$"CellInterrupted: {cellName} was interrupted."]);
        var message = exception is InsufficientExecutionStackException
            ? $"{cellName} recursed too deeply (unbounded recursion?) and was stopped before the stack overflowed."
            : exception.Message;
        var lines = new List<string> { $"{exception.GetType().FullName}: {message}" };
        var frames = new List<string>();
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType is not { } type) continue;
            var assembly = type.Assembly.GetName().Name ?? "";
            if (assembly.StartsWith("ℛ", StringComparison.Ordinal) || type.Assembly.IsDynamic)
            {
                var line = frame.GetFileLineNumber();
                var name = method.Name.Contains("<Initialize>", StringComparison.Ordinal) ? "top level" : method.Name;
                frames.Add(line > 0 ? $"   at {cellName}, line {line} ({name})" : $"   at {cellName} ({name})");
            }
            else if (!IsPlumbing(assembly))
            {
                frames.Add($"   at {type.FullName}.{method.Name}");
            }
        }
        lines.AddRange(CollapseRepeats(frames));
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
            lines.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
        return new CellError(exception.GetType().Name, message, lines);
    }

    /// <summary>Runs of one repeated frame (deep recursion) as the frame and a count, and at most 40 frames in all.</summary>
    private static IEnumerable<string> CollapseRepeats(IReadOnlyList<string> frames)
    {
        const int MaxFrames = 40;
        var shown = 0;
        for (var i = 0; i < frames.Count;)
        {
            var run = 1;
            while (i + run < frames.Count && frames[i + run] == frames[i]) run++;
            if (shown++ == MaxFrames)
            {
                yield return $"   ... {frames.Count - i} more frames";
                yield break;
            }
            yield return frames[i];
            if (run > 1) yield return $"   ... the frame above repeats {run - 1:N0} more times";
            i += run;
        }
    }

    private static bool IsPlumbing(string assembly) =>
        assembly.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || assembly.StartsWith("System.Private.CoreLib", StringComparison.Ordinal);
}
