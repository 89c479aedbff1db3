using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchKit.Kernel.Messages;

namespace ResearchKit.Kernel;

/// <summary>
/// What an interpreter may do while one execute_request runs: publish streams and displays, ask for input,
/// and watch for an interrupt. Every message it sends is made from the request, so the parent header is right.
/// </summary>
public sealed class CellExecution
{
    private readonly KernelCore _core;

    internal CellExecution(KernelCore core, JupyterMessage request, ExecuteRequest content, int executionCount, CancellationToken interrupted)
    {
        _core = core;
        Request = request;
        Content = content;
        ExecutionCount = executionCount;
        Interrupted = interrupted;
        CellId = request.Metadata.ValueKind == JsonValueKind.Object && request.Metadata.TryGetProperty("cellId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString() : null;
    }

    /// <summary>The execute_request as received.</summary>
    public JupyterMessage Request { get; }

    /// <summary>Its typed content: code, silent, allow_stdin, ...</summary>
    public ExecuteRequest Content { get; }

    /// <summary>The execution count this cell runs under.</summary>
    public int ExecutionCount { get; }

    /// <summary>Cancelled when the front end sends interrupt_request.</summary>
    public CancellationToken Interrupted { get; }

    /// <summary>VS Code's cell id from the request metadata, when present.</summary>
    public string? CellId { get; }

    /// <summary>Publishes text on stdout or stderr.</summary>
    public void Stream(string name, string text)
    {
        if (text.Length > 0) _core.Publish(Request, "stream", new StreamText(name, text));
    }

    /// <summary>Publishes a display_data; with a display id, later updates replace it.</summary>
    public void Display(JsonObject data, JsonObject? metadata = null, string? displayId = null) =>
        _core.Publish(Request, "display_data", new DisplayData(data, metadata ?? new JsonObject(), displayId is null ? null : new DisplayTransient(displayId)));

    /// <summary>Replaces an earlier display with the same id (update_display_data).</summary>
    public void UpdateDisplay(JsonObject data, string displayId, JsonObject? metadata = null) =>
        _core.Publish(Request, "update_display_data", new DisplayData(data, metadata ?? new JsonObject(), new DisplayTransient(displayId)));

    /// <summary>Clears the cell's output (with <paramref name="wait"/>, when the next output arrives).</summary>
    public void ClearOutput(bool wait) => _core.Publish(Request, "clear_output", new ClearOutput(wait));

    /// <summary>
    /// Asks the front end for a line of input and blocks until it answers or the cell is interrupted.
    /// Throws <see cref="StdinNotAllowedException"/> when the request said allow_stdin = false.
    /// </summary>
    public string RequestInput(string prompt, bool password = false)
    {
        if (!Content.AllowStdin) throw new StdinNotAllowedException(ExecutionCount);
        return _core.RequestInput(Request, prompt, password, Interrupted);
    }
}
