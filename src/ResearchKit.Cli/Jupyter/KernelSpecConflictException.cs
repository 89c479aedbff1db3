namespace ResearchKit.Cli.Jupyter;

/// <summary>A '.net-csharp' kernelspec that ResearchKit did not write (.NET Interactive's) is in the way of <c>kernel install --polyglot</c>.</summary>
public sealed class KernelSpecConflictException : ResearchKitException
{
    public KernelSpecConflictException(string kernelJson)
        : base($"'{kernelJson}' is another kernel's '.net-csharp' kernelspec (.NET Interactive's). Re-run with --replace to put ResearchKit's in its place, or install into another folder with --prefix.")
    {
    }
}
