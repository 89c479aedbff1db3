using System.Runtime.InteropServices;
using ResearchKit.Kernel;
using ResearchKit.Kernel.Scripting;

namespace ResearchKit.Cli.Jupyter;

/// <summary>Starts the kernel for a connection file: sockets first (kernel_info is answered at once), the evaluator built and Roslyn warmed in the background.</summary>
public static class KernelHost
{
    /// <summary>Serves until a shutdown_request; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string connectionFile, TextWriter log)
    {
        var connection = ConnectionInfo.Load(connectionFile);
        // Front ends interrupt with interrupt_request (interrupt_mode "message"); a terminal's Ctrl+C must not kill the kernel.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        // The evaluator reads its ~180 references (a sixth of a second of CPU) beside the sockets, so kernel_info does
        // not wait for it; then Roslyn warms up. Cells wait for both.
        var workingDirectory = Directory.GetCurrentDirectory();
        var evaluator = Task.Run(() =>
        {
            var built = new CSharpEvaluator(new EvaluatorOptions { WorkingDirectory = workingDirectory });
            _ = built.WarmUpAsync();
            return built;
        });
        using var server = new NetMqKernelServer(connection, log);
        var kernel = new CSharpKernel(server, evaluator, log);
        await server.RunAsync(kernel).ConfigureAwait(false);
        log.WriteLine(kernel.RestartRequested ? "kernel: restart requested; exiting so the client starts a fresh process" : "kernel: shut down");
        return 0;
    }
}
