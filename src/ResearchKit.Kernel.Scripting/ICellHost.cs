namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// Where a running cell's side effects go: the Jupyter kernel publishes them on iopub, the notebook runner writes them
/// into the notebook. The evaluator knows nothing else about its host (no sockets here).
/// </summary>
public interface ICellHost
{
    /// <summary>Text written to stdout or stderr (name is "stdout" or "stderr").</summary>
    void WriteStream(string name, string text);

    /// <summary>A rich display; with <paramref name="update"/>, it replaces the earlier display with the same id.</summary>
    void Display(DisplayBundle bundle, string displayId, bool update);

    /// <summary>One line of input for Console.ReadLine; throws when the host cannot ask anyone.</summary>
    string ReadLine(string prompt, bool password);

    /// <summary>The front end's id of the cell being run, when it sends one (JupyterLab, VS Code); null otherwise.</summary>
    string? CellId => null;
}
