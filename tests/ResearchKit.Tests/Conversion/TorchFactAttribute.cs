namespace ResearchKit.Tests.Conversion;

/// <summary>A fact that needs Python with torch: skipped (saying why) without it, but never under CI=true.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (!TorchEnvironment.Available && !TorchEnvironment.Required)
            Skip = $"no Python with torch ({TorchEnvironment.Problem}); scripts/install-torch.sh installs Debian's python3-torch";
    }
}
