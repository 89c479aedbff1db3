using ResearchKit.Kernel.Scripting.Display;

namespace ResearchKit.Kernel.Scripting.Polyglot;

/// <summary>
/// Gives formatters registered with .NET Interactive's <c>Formatter.Register</c> (and <c>SetPreferredMimeTypesFor</c>)
/// precedence over the kernel's own, as they had in .NET Interactive.
/// </summary>
public sealed class InteractiveFormatterBridge : IDisplayFormatter
{
    public bool TryFormat(object value, IDictionary<string, object> data) => InteractiveFormatting.TryFormatRequested(value, data);
}
