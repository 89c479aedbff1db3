namespace ResearchKit;

/// <summary>
/// Base of every error ResearchKit raises on purpose. The message always names the file, model or
/// field involved and says what the user can do about it.
/// </summary>
public abstract class ResearchKitException : Exception
{
    protected ResearchKitException(string message, Exception? inner = null) : base(message, inner) { }
}
