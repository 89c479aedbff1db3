namespace ResearchKit.Service.Judging;

/// <summary>A judging request or set-up that cannot be served; the message names the field or file and what to do.</summary>
public sealed class JudgeException : ResearchKitException
{
    /// <summary>Creates the error with a message that names the field or file and the fix.</summary>
    public JudgeException(string message, Exception? inner = null) : base(message, inner) { }
}
