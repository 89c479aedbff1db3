using System.Text.RegularExpressions;

namespace ResearchKit.Tests.Architecture;

/// <summary>
/// The README's layout section against the tree: every path it names exists, and every project and every folder of
/// the core library appears in it (the old README drifted: it omitted Evaluation/ and misplaced a type).
/// </summary>
public sealed partial class ReadmeLayoutTests
{
    private static readonly string Root = FixturePaths.RepositoryRoot;

    [Fact]
    public void Every_path_the_layout_names_exists()
    {
        var listed = LayoutPaths();
        Assert.True(listed.Count > 20, $"only {listed.Count} paths read from the README's layout section");
        var missing = listed.Where(p => !File.Exists(Path.Combine(Root, p)) && !Directory.Exists(Path.Combine(Root, p))).ToList();
        Assert.True(missing.Count == 0, "README layout names paths that do not exist: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_project_and_core_folder_is_in_the_layout()
    {
        var listed = LayoutPaths().Select(p => p.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var expected = new[] { "src", "tests" }
            .SelectMany(top => Directory.GetDirectories(Path.Combine(Root, top)))
            .Where(d => Directory.GetFiles(d, "*.csproj").Length > 0)
            .Concat(Directory.GetDirectories(Path.Combine(Root, "src", "ResearchKit"))
                .Where(d => Path.GetFileName(d) is not ("bin" or "obj") && Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories).Any()))
            .Select(d => Path.GetRelativePath(Root, d).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();
        var absent = expected.Where(p => !listed.Contains(p)).ToList();
        Assert.True(absent.Count == 0, "missing from the README's layout section: " + string.Join(", ", absent));
    }

    /// <summary>The first column of the layout block; an indented entry is relative to the unindented one above it.</summary>
    private static List<string> LayoutPaths()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var block = LayoutBlock().Match(readme);
        Assert.True(block.Success, "README.md has no '## Layout' section with a code block");
        var paths = new List<string>();
        var parent = "";
        foreach (var line in block.Groups[1].Value.Split('\n').Where(l => l.Trim().Length > 0))
        {
            var path = line.TrimStart().Split(' ')[0];
            if (line.StartsWith(' '))
            {
                paths.Add(parent + path);
            }
            else
            {
                parent = path.EndsWith('/') ? path : "";
                paths.Add(path);
            }
        }
        return paths;
    }

    [GeneratedRegex(@"## Layout\s+```\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex LayoutBlock();
}
