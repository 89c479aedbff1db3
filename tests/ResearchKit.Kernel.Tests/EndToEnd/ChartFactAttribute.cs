using ResearchKit.Tests.Judging;

namespace ResearchKit.Kernel.Tests.EndToEnd;

/// <summary>
/// A fact that draws the notebooks' charts in headless Chromium: skipped, saying why, without Chromium, Debian's Jupyter
/// stack (nbconvert, the classic Notebook) or the prepared emoji data the notebooks run on.
/// </summary>
public sealed class ChartFactAttribute : FactAttribute
{
    public ChartFactAttribute()
    {
        if (ChromiumBrowser.FindExecutable() is null)
            Skip = "chromium not found; run ./scripts/install-browser.sh as root or set CHROMIUM=/path/to/chromium";
        else if (!JupyterTools.Available || !JupyterTools.ClassicNotebookAvailable)
            Skip = "Debian's nbconvert or classic Notebook is not installed (./scripts/install-jupyter.sh installs them as root)";
        else if (!File.Exists(Path.Combine(RepositoryFolder.Root, "data", "emoji", "prepared", "STAMP")))
            Skip = "the notebooks' data is not prepared (data/emoji/prepare.sh, or ./scripts/run-notebooks.sh, prepares it)";
    }
}
