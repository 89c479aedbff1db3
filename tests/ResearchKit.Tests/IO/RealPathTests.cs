using ResearchKit.IO;

namespace ResearchKit.Tests.IO;

/// <summary>Resolving every symbolic link on a path, folders included, so containment is decided on where a file really is.</summary>
public sealed class RealPathTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly TempDirectory _outside = new();

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public void Links_that_stay_inside_resolve_to_the_real_file()
    {
        _root.Write("photos/cat.png", [1]);
        File.CreateSymbolicLink(Path.Combine(_root.Path, "alias.png"), "photos/cat.png");
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "album"), "photos");
        File.CreateSymbolicLink(Path.Combine(_root.Path, "photos", "up.png"), "../photos/./cat.png");

        var real = Path.Combine(RealPath.Of(_root.Path), "photos", "cat.png");
        Assert.Equal(real, RealPath.Within(_root.Path, "alias.png"));
        Assert.Equal(real, RealPath.Within(_root.Path, "album/cat.png"));
        Assert.Equal(real, RealPath.Within(_root.Path, "photos/up.png"));
    }

    [Fact]
    public void Links_and_names_that_leave_the_root_are_outside()
    {
        _outside.Write("secret.png", [1]);
        File.CreateSymbolicLink(Path.Combine(_root.Path, "passwd.png"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "linked"), _outside.Path);
        Directory.CreateDirectory(Path.Combine(_root.Path, "sub"));
        // A link inside a folder, whose relative target climbs out.
        File.CreateSymbolicLink(Path.Combine(_root.Path, "sub", "climb.png"), Path.Combine("..", "..", Path.GetFileName(_outside.Path), "secret.png"));

        Assert.Null(RealPath.Within(_root.Path, "passwd.png"));
        Assert.Null(RealPath.Within(_root.Path, "linked/secret.png"));
        Assert.Null(RealPath.Within(_root.Path, "sub/climb.png"));
        Assert.Null(RealPath.Within(_root.Path, "../" + Path.GetFileName(_outside.Path) + "/secret.png"));
        Assert.Null(RealPath.Within(_root.Path, "/etc/passwd"));
    }

    [Fact]
    public void A_link_loop_is_outside_rather_than_followed_forever()
    {
        File.CreateSymbolicLink(Path.Combine(_root.Path, "a.png"), "b.png");
        File.CreateSymbolicLink(Path.Combine(_root.Path, "b.png"), "a.png");

        Assert.Throws<IOException>(() => RealPath.Of(Path.Combine(_root.Path, "a.png")));
        Assert.Null(RealPath.Within(_root.Path, "a.png"));
    }

    [Fact]
    public void A_root_reached_through_a_link_still_contains_its_files()
    {
        _outside.Write("inside.png", [1]);
        var linkedRoot = Path.Combine(_root.Path, "dataset");
        Directory.CreateSymbolicLink(linkedRoot, _outside.Path);

        Assert.Equal(Path.Combine(RealPath.Of(_outside.Path), "inside.png"), RealPath.Within(linkedRoot, "inside.png"));
    }
}
