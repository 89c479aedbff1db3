using ResearchKit.Kernel.Scripting;

namespace ResearchKit.Tests;

public sealed class ProjectPathTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_relative_path_is_found_from_a_nested_folder_and_an_absolute_one_is_kept()
    {
        _dir.Write("data/set/a.png", [1]);
        var nested = Path.Combine(_dir.Path, "notebooks", "deep");
        Directory.CreateDirectory(nested);

        Assert.Equal(Path.Combine(_dir.Path, "data", "set"), ProjectPath.Resolve("data/set", nested));
        Assert.True(ProjectPath.Exists("data/set/a.png", nested));
        Assert.Equal("/abs/elsewhere", ProjectPath.Resolve("/abs/elsewhere", nested));
        Assert.Equal(Path.Combine(nested, "no", "such"), ProjectPath.Resolve("no/such", nested));
        Assert.False(ProjectPath.Exists("no/such", nested));
    }
}
