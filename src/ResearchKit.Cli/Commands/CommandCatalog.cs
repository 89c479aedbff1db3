using System.CommandLine;

namespace ResearchKit.Cli.Commands;

/// <summary>Every top-level command of the tool, in the order help lists them.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliConsole console)
    {
        yield return DemoCommand.Create(console);
        yield return PreprocessCommand.Create(console);
        yield return TokenizeCommand.Create(console);
        yield return EmbedCommand.Create(console);
        yield return VersionCommand.Create(console);
        yield return ModelsCommand.Create(console);
        yield return IndexCommand.Create(console);
        yield return SlurmCommand.Create(console);
        yield return SearchCommand.Create(console);
        yield return SimilarCommand.Create(console);
        yield return ExportCommand.CreateExport(console);
        yield return ExportCommand.CreateImport(console);
        yield return JudgmentsCommand.Create(console);
        yield return TuneCommand.Create(console);
        yield return ExportConfigCommand.Create(console);
        yield return EvalCommand.Create(console);
        yield return ServeCommand.Create(console);
        yield return KernelCommand.Create(console);
        yield return NotebookCommand.Create(console);
        yield return JudgeCommand.Create(console);
    }
}
