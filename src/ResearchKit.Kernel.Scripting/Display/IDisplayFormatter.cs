namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>Adds rich representations of values it knows (HTML, PNG, JSON) to a MIME bundle.</summary>
public interface IDisplayFormatter
{
    /// <summary>Adds representations for <paramref name="value"/> to <paramref name="data"/>; false when it does not handle the value.</summary>
    bool TryFormat(object value, IDictionary<string, object> data);
}
