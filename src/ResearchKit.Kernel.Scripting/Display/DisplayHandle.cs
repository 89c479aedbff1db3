namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>What <c>display(x)</c> returns: <see cref="Update"/> replaces that output in place (update_display_data), from any later cell too.</summary>
public sealed class DisplayHandle
{
    private readonly object _origin;

    internal DisplayHandle(string displayId, object origin)
    {
        DisplayId = displayId;
        _origin = origin;
    }

    /// <summary>The display id the front end keys updates on.</summary>
    public string DisplayId { get; }

    /// <summary>Replaces the displayed value with <paramref name="value"/>.</summary>
    public void Update(object? value)
    {
        var cell = CellContext.Current ?? (CellContext)_origin;
        cell.Display(cell.Formatters.Format(value), DisplayId, update: true);
    }

    public override string ToString() => $"display {DisplayId}";
}
