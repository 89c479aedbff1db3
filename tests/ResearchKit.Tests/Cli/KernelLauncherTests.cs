using ResearchKit.Cli.Jupyter;

namespace ResearchKit.Tests.Cli;

/// <summary>The kernelspec starts an installed tool through its tool-path command, which outlives <c>dotnet tool update</c>.</summary>
public sealed class KernelLauncherTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_apphost_in_a_tool_store_launches_through_the_tool_path_command()
    {
        var command = _dir.Write("tools/researchkit", []);
        var apphost = _dir.Write("tools/.store/researchkit/0.1.0/researchkit.linux-x64/0.1.0/tools/net10.0/linux-x64/researchkit", []);
        Assert.Equal(command, KernelSpecInstaller.InstalledToolCommand(apphost));
    }

    [Fact]
    public void Other_apphosts_launch_as_they_are()
    {
        Assert.Null(KernelSpecInstaller.InstalledToolCommand(_dir.Write("bin/Release/net10.0/researchkit", [])));
        // A store without the command beside it (a damaged install) is not guessed at.
        Assert.Null(KernelSpecInstaller.InstalledToolCommand(_dir.Write("other/.store/x/researchkit", [])));
    }
}
