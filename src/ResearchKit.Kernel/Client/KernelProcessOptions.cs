namespace ResearchKit.Kernel.Client;

/// <summary>How to start a kernel process, as a kernelspec's argv says (jupyter_client's KernelManager in small).</summary>
public sealed record KernelProcessOptions
{
    /// <summary>The command line; the element <c>{connection_file}</c> is replaced by the connection file's path.</summary>
    public required IReadOnlyList<string> Argv { get; init; }

    /// <summary>The kernel's working directory (front ends use the notebook's folder).</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Extra environment variables for the kernel.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Lines of the kernel's stderr kept for the report when it dies.</summary>
    public int StandardErrorLines { get; init; } = 40;
}
