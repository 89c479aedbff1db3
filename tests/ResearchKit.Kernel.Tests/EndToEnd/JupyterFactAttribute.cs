namespace ResearchKit.Kernel.Tests.EndToEnd;

/// <summary>A fact that is skipped, saying why, only when Python's jupyter_client/nbconvert are not installed.</summary>
public sealed class JupyterFactAttribute : FactAttribute
{
    public JupyterFactAttribute()
    {
        if (!JupyterTools.Available)
            Skip = "python3 jupyter_client/nbconvert are not installed (scripts/install-jupyter.sh installs them)";
    }
}
