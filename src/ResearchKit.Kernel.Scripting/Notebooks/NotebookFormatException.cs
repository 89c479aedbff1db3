namespace ResearchKit.Kernel.Scripting.Notebooks;

/// <summary>A notebook, script or parameter the runner cannot use; the message names the file (or parameter) and the fix.</summary>
public sealed class NotebookFormatException : Exception
{
    public NotebookFormatException(string message) : base(message) { }

    public NotebookFormatException(string message, Exception inner) : base(message, inner) { }
}
