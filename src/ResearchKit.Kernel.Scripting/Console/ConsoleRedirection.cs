namespace ResearchKit.Kernel.Scripting.Console;

/// <summary>Installs the cell-aware Console writers and reader once for the process.</summary>
internal static class ConsoleRedirection
{
    private static readonly object Gate = new();
    private static bool _installed;

    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed) return;
            System.Console.SetOut(new CellConsoleWriter("stdout", System.Console.Out));
            System.Console.SetError(new CellConsoleWriter("stderr", System.Console.Error));
            System.Console.SetIn(new CellConsoleReader(System.Console.In));
            _installed = true;
        }
    }
}
