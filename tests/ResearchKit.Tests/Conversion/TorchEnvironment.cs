using ResearchKit.Models.Conversion;

namespace ResearchKit.Tests.Conversion;

/// <summary>
/// The Python with torch that the conversion tests run the recipe with (found as `models convert` finds it). Without
/// one the tests skip, except under CI=true, where they fail: CI installs Debian's python3-torch (scripts/install-torch.sh).
/// </summary>
public static class TorchEnvironment
{
    private static readonly Lazy<(TorchPython.Interpreter? Found, string Problem)> Probe = new(() =>
    {
        try
        {
            return (TorchPython.FindAsync([Environment.GetEnvironmentVariable("RESEARCHKIT_PYTHON"), "python3", "/usr/bin/python3"]).GetAwaiter().GetResult(), "");
        }
        catch (ModelConversionException e)
        {
            return (null, e.Message);
        }
    });

    public static bool Available => Probe.Value.Found is not null;

    /// <summary>True under CI=true, where a missing torch is a failure rather than a skip.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Problem => Probe.Value.Problem;

    /// <summary>The interpreter; fails the test (under CI=true) when there is none.</summary>
    public static string Python => Probe.Value.Found?.Path
        ?? throw new InvalidOperationException($"CI=true requires Python with torch for the conversion tests: {Problem} Run scripts/install-torch.sh as root.");

    /// <summary>models/recipes/convert_open_clip.py in this checkout.</summary>
    public static string Recipe { get; } = Path.GetFullPath(Path.Combine(FixturePaths.Reference, "..", "..", "..", "models", "recipes", "convert_open_clip.py"));
}
