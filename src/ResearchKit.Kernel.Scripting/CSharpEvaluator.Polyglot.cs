using System.Diagnostics;
using ResearchKit.Kernel.Scripting.Polyglot;
using ResearchKit.Kernel.Scripting.References;

namespace ResearchKit.Kernel.Scripting;

/// <summary>The evaluator's handling of cells written for .NET Interactive: sections, packages and magic commands.</summary>
public sealed partial class CSharpEvaluator
{
    private readonly SessionPackages _packages;

    /// <summary>Runs a cell's sections in order; the last one's result is the cell's, and the first error stops the cell.</summary>
    private async Task<CellOutcome> RunCellAsync(string cell, CellContext context)
    {
        IReadOnlyList<CellSection> sections;
        try
        {
            sections = PolyglotCellParser.Parse(cell);
        }
        catch (PolyglotCellException e)
        {
            context.Compiled.TrySetResult();
            return new CellOutcome(null, new CellError(e.ErrorName, e.Message, [$"{e.ErrorName}: {e.Message}"]));
        }
        catch (NuGetRestoreException e)  // a malformed #r "nuget:..." line, found while the cell is split
        {
            context.Compiled.TrySetResult();
            return new CellOutcome(null, new CellError(nameof(NuGetRestoreException), e.Message, [$"{nameof(NuGetRestoreException)}: {e.Message}"]));
        }
        var outcome = new CellOutcome(null, null);
        foreach (var section in sections)
        {
            outcome = section.Language == CellLanguages.CSharp ? await RunCSharpSectionAsync(section, context).ConfigureAwait(false) : Show(section, context);
            if (outcome.Error is not null) break;
        }
        context.Compiled.TrySetResult();
        return outcome;
    }

    private async Task<CellOutcome> RunCSharpSectionAsync(CellSection section, CellContext context)
    {
        if (section.Packages.Count > 0 || section.Sources.Count > 0)
        {
            try
            {
                var installation = _packages.Install(section.Packages, section.Sources, context.Interrupted);
                if (installation.NewAssemblies.Count > 0) _environment.AddReferences(installation.NewAssemblies);
                context.Display(installation.ToBundle(), NotebookGlobals.NextDisplayId(), update: false);
                if (installation.Missing.Count > 0) return new CellOutcome(null, Unserved(installation));
            }
            catch (NuGetRestoreException e)
            {
                return new CellOutcome(null, new CellError(nameof(NuGetRestoreException), e.Message, e.Message.Split('\n')));
            }
            catch (OperationCanceledException e)
            {
                return new CellOutcome(null, CellErrorFormatter.FromException(context.CellName, e));
            }
        }
        foreach (var magic in section.Magics.Where(m => m != "time").Distinct())
            context.Display(MagicCommandOutput.For(magic, _state), NotebookGlobals.NextDisplayId(), update: false);
        if (!section.HasCode) return new CellOutcome(null, null);
        var timer = section.Magics.Contains("time") ? Stopwatch.StartNew() : null;
        var outcome = await RunAsync(section.Code, context).ConfigureAwait(false);
        if (timer is not null) context.Display(MagicCommandOutput.WallTime(timer.Elapsed), NotebookGlobals.NextDisplayId(), update: false);
        return outcome;
    }

    /// <summary>The cell's error when some of its packages are not on the package source (the others are installed).</summary>
    private static CellError Unserved(PackageInstallation installation)
    {
        var packages = string.Join(", ", installation.Missing.Select(m => $"'{m}'"));
        var message = $"#r \"nuget: …\": {packages} {(installation.Missing.Count == 1 ? "is" : "are")} not on the package source (at any version that fits); "
                      + (installation.Installed.Count > 0 ? $"the cell's other packages were installed ({string.Join("; ", installation.Installed)}) and later cells can use them. " : "")
                      + (installation.MissingDetail.Count > 0 ? $"NuGet said: {string.Join(" ", installation.MissingDetail.Distinct())} " : "")
                      + "Check the name against your package source (nuget.config, or #i \"nuget:SOURCE\"); the kernel keeps running.";
        return new CellError(nameof(NuGetRestoreException), message, [$"{nameof(NuGetRestoreException)}: {message}"]);
    }

    /// <summary>An HTML, JavaScript or Markdown section, shown as what it is.</summary>
    private static CellOutcome Show(CellSection section, CellContext context)
    {
        var data = new Dictionary<string, object>();
        switch (section.Language)
        {
            case CellLanguages.Html:
                data["text/html"] = section.Code;
                break;
            case CellLanguages.JavaScript:
                // Jupyter front ends run application/javascript; nbconvert's HTML and VS Code run the script element.
                data["application/javascript"] = section.Code;
                data["text/html"] = $"<script type=\"text/javascript\">\n{section.Code}\n</script>";
                break;
            default:
                data["text/markdown"] = section.Code;
                break;
        }
        data["text/plain"] = section.Code;
        context.Display(new DisplayBundle(data), NotebookGlobals.NextDisplayId(), update: false);
        return new CellOutcome(null, null);
    }
}
