namespace ResearchKit.Kernel.Scripting.Polyglot;

/// <summary>A cell this kernel cannot run as written: another language's cell, an unknown magic command, a bad <c>#i</c>.</summary>
public sealed class PolyglotCellException : ResearchKitException
{
    public PolyglotCellException(string errorName, string message) : base(message) => ErrorName = errorName;

    /// <summary>The error's name as the cell shows it (e.g. UnsupportedLanguage, UnsupportedMagicCommand).</summary>
    public string ErrorName { get; }
}
