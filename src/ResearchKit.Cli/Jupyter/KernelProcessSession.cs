using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchKit.Kernel;
using ResearchKit.Kernel.Client;
using ResearchKit.Kernel.Messages;
using ResearchKit.Kernel.Scripting;
using ResearchKit.Kernel.Scripting.Notebooks;

namespace ResearchKit.Cli.Jupyter;

/// <summary>
/// Runs a notebook's cells in a kernel process driven over the Jupyter protocol, as nbclient does: a cell that crashes,
/// overflows the stack or calls <c>Environment.Exit</c> ends the kernel, not the runner, and fails with the reason.
/// </summary>
public sealed class KernelProcessSession : INotebookSession
{
    /// <summary>How long an interrupted cell may take to answer before the kernel is ended (the kernel itself gives up after 3 s).</summary>
    public static readonly TimeSpan InterruptAnswer = TimeSpan.FromSeconds(20);

    private readonly KernelProcess _process;
    private readonly KernelClient _client;
    private volatile bool _killed;

    private KernelProcessSession(KernelProcess process, KernelClient client)
    {
        _process = process;
        _client = client;
    }

    /// <summary>Starts <c>researchkit kernel start</c> (this tool's own launcher) in the notebook's folder and waits until it answers.</summary>
    public static Task<INotebookSession> StartAsync(string workingDirectory, CancellationToken cancellationToken) =>
        StartAsync([.. KernelSpecInstaller.CurrentLauncher(), "kernel", "start", "--connection-file", "{connection_file}"], workingDirectory, cancellationToken);

    /// <summary>Starts the kernel command line <paramref name="argv"/> (with the kernelspec's environment) and waits until it answers.</summary>
    public static async Task<INotebookSession> StartAsync(IReadOnlyList<string> argv, string workingDirectory, CancellationToken cancellationToken)
    {
        var process = KernelProcess.Start(new KernelProcessOptions { Argv = argv, WorkingDirectory = workingDirectory, Environment = KernelSpecInstaller.KernelEnvironment });
        var client = new KernelClient(process.Connection, process.Exited, () => Died(process));
        try
        {
            await client.ConnectAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            // The kernel answers at once and compiles its warm-up in the background; an empty silent cell waits for
            // it here, so start-up is not counted against the first cell's timeout (nbclient's start-up is separate too).
            await client.ExecuteAsync(new ExecuteRequest("", Silent: true, StoreHistory: false, AllowStdin: false, StopOnError: false), _ => { }, cancellationToken).ConfigureAwait(false);
            return new KernelProcessSession(process, client);
        }
        catch (KernelDiedException e)
        {
            Dispose(process, client);
            throw new NotebookFormatException($"The kernel ({string.Join(' ', argv)}) ended before it answered: {e.Message}\n{string.Join('\n', e.StandardErrorTail)}");
        }
        catch
        {
            Dispose(process, client);
            throw;
        }
    }

    /// <inheritdoc />
    public bool IsAlive => !_process.Exited.IsCompleted;

    /// <inheritdoc />
    public async Task<CellOutcome> RunCellAsync(string code, ICellHost host, string cellName, CancellationToken interrupted)
    {
        DisplayBundle? result = null;
        var displays = 0;
        void OnOutput(JupyterMessage message)
        {
            switch (message.MessageType)
            {
                case "stream":
                    var stream = message.ContentAs<StreamText>();
                    host.WriteStream(stream.Name, stream.Text);
                    break;
                case "display_data" or "update_display_data":
                    var display = message.ContentAs<DisplayData>();
                    var id = display.Transient?.DisplayId ?? $"{message.Header.MessageId}-{displays++}";
                    host.Display(DisplayBundle.FromJson(display.Data, display.Metadata), id, message.MessageType == "update_display_data");
                    break;
                case "execute_result":
                    var value = message.ContentAs<ExecuteResult>();
                    result = DisplayBundle.FromJson(value.Data, value.Metadata);
                    break;
            }
        }
        var request = new ExecuteRequest(code, AllowStdin: false, StopOnError: false);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var interrupt = interrupted.Register(() => _ = InterruptAsync(finished.Task));
        try
        {
            var reply = await _client.ExecuteAsync(request, OnOutput).ConfigureAwait(false);
            if (reply.ContentAs<ExecuteReply>() is { Status: "error" } error)
                return new CellOutcome(null, new CellError(error.ErrorName ?? "Error", error.ErrorValue ?? "", error.Traceback ?? []));
            return new CellOutcome(result, null);
        }
        catch (KernelDiedException e)
        {
            var message = _killed
                ? $"{cellName} did not stop within {InterruptAnswer.TotalSeconds:0} s of the interrupt (blocked in a call that ignores it), so the kernel was ended."
                : $"{cellName} did not finish: {e.Message}";
            var traceback = new List<string> { $"KernelDied: {message}" };
            if (e.StandardErrorTail.Count > 0) traceback.Add("the kernel's last words (stderr):");
            traceback.AddRange(e.StandardErrorTail.Select(l => "    " + l));
            return new CellOutcome(null, new CellError("KernelDied", message, traceback));
        }
        finally
        {
            finished.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (IsAlive)
        {
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.RequestAsync(KernelChannel.Control, "shutdown_request", new ShutdownRequest(), limit.Token).ConfigureAwait(false);
                await _process.Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException or KernelDiedException) { /* killed below */ }
        }
        Dispose(_process, _client);
    }

    /// <summary>Sends interrupt_request; a kernel that does not finish the cell in time is ended, so the run can go on saving.</summary>
    private async Task InterruptAsync(Task cellFinished)
    {
        using var limit = new CancellationTokenSource(InterruptAnswer);
        try
        {
            await _client.RequestAsync(KernelChannel.Control, "interrupt_request", new { }, limit.Token).ConfigureAwait(false);
            await cellFinished.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _killed = true;
            _process.Kill();
        }
        catch (KernelDiedException) { /* ended on its own */ }
    }

    private static KernelDiedException Died(KernelProcess process) => new(process.DescribeExit(), process.CrashReport());

    private static void Dispose(KernelProcess process, KernelClient client)
    {
        client.Dispose();
        process.Dispose();
    }
}
