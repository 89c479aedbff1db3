using System.Runtime.InteropServices;
using ResearchKit.Kernel;
using ResearchKit.Kernel.Scripting;

namespace ResearchKit.Cli.Jupyter;

/// <summary>Starts the kernel for a connection file: sockets first (kernel_info is answered at once), Roslyn warmed in the background.</summary>
public static class KernelHost
{
    /// <summary>Serves until a shutdown_request; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string connectionFile, TextWriter log)
    {
        var connection = ConnectionInfo.Load(connectionFile);
        // Front ends interrupt with interrupt_request (interrupt_mode "message"); a terminal's Ctrl+C must not kill the kernel.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        var evaluator = new CSharpEvaluator(new EvaluatorOptions { WorkingDirectory = Directory.GetCurrentDirectory() });
        using var server = new NetMqKernelServer(connection, log);
        var kernel = new CSharpKernel(server, evaluator, log);
        _ = evaluator.WarmUpAsync();
        await server.RunAsync(kernel).ConfigureAwait(false);
        log.WriteLine(kernel.RestartRequested ? "kernel: restart requested; exiting so the client starts a fresh process" : "kernel: shut down");
        return 0;
    }
}
