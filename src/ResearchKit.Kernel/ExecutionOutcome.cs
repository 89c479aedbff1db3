using System.Text.Json.Nodes;
using ResearchKit.Kernel.Messages;

namespace ResearchKit.Kernel;

/// <summary>How a cell ended: a value to show (or none), or an error with a readable traceback.</summary>
public sealed record ExecutionOutcome
{
    /// <summary>The MIME bundle of the cell's last expression, when it has one.</summary>
    public JsonObject? ResultData { get; init; }
    public JsonObject? ResultMetadata { get; init; }

    /// <summary>Set when the cell failed.</summary>
    public ErrorContent? Error { get; init; }

    /// <summary>A cell that ran to the end, with an optional result bundle.</summary>
    public static ExecutionOutcome Success(JsonObject? data = null, JsonObject? metadata = null) => new() { ResultData = data, ResultMetadata = metadata };

    /// <summary>A cell that failed.</summary>
    public static ExecutionOutcome Failure(string name, string message, IReadOnlyList<string> traceback) =>
        new() { Error = new ErrorContent(name, message, traceback) };
}
