using ResearchKit.Kernel;
using ResearchKit.Kernel.Scripting;

namespace ResearchKit.Cli.Jupyter;

/// <summary>Bridges the evaluator's host interface to one execute_request: streams, displays and input become Jupyter messages.</summary>
public sealed class KernelCellHost : ICellHost
{
    private readonly CellExecution _cell;

    public KernelCellHost(CellExecution cell) => _cell = cell;

    public void WriteStream(string name, string text) => _cell.Stream(name, text);

    public void Display(DisplayBundle bundle, string displayId, bool update)
    {
        if (update) _cell.UpdateDisplay(bundle.ToJson(), displayId, bundle.MetadataJson());
        else _cell.Display(bundle.ToJson(), bundle.MetadataJson(), displayId);
    }

    public string ReadLine(string prompt, bool password) => _cell.RequestInput(prompt, password);

    public string? CellId => _cell.CellId;
}
