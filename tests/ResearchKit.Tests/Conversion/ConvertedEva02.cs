using ResearchKit.Models.Conversion;

namespace ResearchKit.Tests.Conversion;

/// <summary>The fixture checkpoint converted once per test run (the recipe takes a few seconds).</summary>
public sealed class ConvertedEva02 : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Lazy<OpenClipConversionResult> _result;

    public ConvertedEva02() => _result = new(() => Convert(Eva02Fixture.Checkpoint, Path.Combine(_temp.Path, "converted")));

    public OpenClipConversionResult Result => _result.Value;

    public static OpenClipConversionResult Convert(string checkpoint, string output) =>
        OpenClipConverter.ConvertAsync(new OpenClipConversionOptions
        {
            CheckpointDirectory = checkpoint,
            OutputDirectory = output,
            Python = TorchEnvironment.Python,
            Recipe = TorchEnvironment.Recipe,
        }).GetAwaiter().GetResult();

    public void Dispose() => _temp.Dispose();
}
