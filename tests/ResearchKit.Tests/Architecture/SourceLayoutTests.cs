using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ResearchKit.Tests.Architecture;

/// <summary>
/// The layout rules of the design, checked over every C# file of every project (src/, tests/, benchmarks/) so they
/// stay true: a file's namespace is its project's root namespace plus its folders, no source file in src/ is over
/// 400 lines, and the core's root folder holds only the project file and the base exception.
/// </summary>
public sealed partial class SourceLayoutTests
{
    private const int MaxLines = 400;

    [Fact]
    public void Every_namespace_matches_its_folder()
    {
        var wrong = new List<string>();
        var checkedFiles = 0;
        foreach (var (project, rootNamespace) in Projects())
            foreach (var file in SourceFiles(project))
            {
                checkedFiles++;
                var folders = Path.GetRelativePath(project, Path.GetDirectoryName(file)!).Split(Path.DirectorySeparatorChar).Where(f => f != ".");
                var expected = string.Join('.', new[] { rootNamespace }.Concat(folders));
                var text = File.ReadAllText(file);
                var declared = Namespace().Matches(text).Select(m => m.Groups[1].Value).ToList();
                // Only a program's top-level statements, or a file that says why it must be global (it silences CA1050,
                // "declare types in namespaces", with a reason, e.g. the Polyglot display extensions), go without one.
                if (declared.Count == 0 && (Path.GetFileName(file) == "Program.cs" || text.Contains("#pragma warning disable CA1050 // ", StringComparison.Ordinal))) continue;
                if (declared.Count != 1 || declared[0] != expected)
                    wrong.Add($"{Relative(file)}: namespace {(declared.Count == 0 ? "(none)" : string.Join(", ", declared))}, expected {expected}");
            }
        Assert.True(checkedFiles > 500, $"only {checkedFiles} files found under {FixturePaths.RepositoryRoot}");
        Assert.True(wrong.Count == 0, "namespaces that do not match their folders:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void No_source_file_in_src_is_over_400_lines()
    {
        var src = Path.Combine(FixturePaths.RepositoryRoot, "src");
        var files = Projects().Where(p => p.Directory.StartsWith(src, StringComparison.Ordinal)).SelectMany(p => SourceFiles(p.Directory)).ToList();
        var tooLong = files.Select(f => (File: f, Lines: File.ReadLines(f).Count())).Where(f => f.Lines > MaxLines)
            .Select(f => $"{Relative(f.File)}: {f.Lines} lines").ToList();
        Assert.NotEmpty(files);
        Assert.True(tooLong.Count == 0, $"files over {MaxLines} lines (split them by concept):\n" + string.Join('\n', tooLong));
    }

    [Fact]
    public void The_core_root_holds_only_the_project_and_the_base_exception()
    {
        var core = Path.Combine(FixturePaths.RepositoryRoot, "src", "ResearchKit");
        var loose = Directory.GetFiles(core, "*.cs").Select(Path.GetFileName).Where(f => f != "ResearchKitException.cs").ToList();
        Assert.True(loose.Count == 0, "loose files in src/ResearchKit (put them in the folder of their concept, e.g. IO/): " + string.Join(", ", loose));
    }

    /// <summary>Every project folder with its root namespace (RootNamespace, else the project file's name).</summary>
    private static IEnumerable<(string Directory, string RootNamespace)> Projects() =>
        new[] { "src", "tests", "benchmarks" }
            .Select(top => Path.Combine(FixturePaths.RepositoryRoot, top))
            .Where(Directory.Exists)
            .SelectMany(top => Directory.GetFiles(top, "*.csproj", SearchOption.AllDirectories))
            .Where(p => !IsBuildOutput(Path.GetRelativePath(FixturePaths.RepositoryRoot, p)))
            .Select(p => (Path.GetDirectoryName(p)!,
                XDocument.Load(p).Descendants("RootNamespace").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(p)));

    private static IEnumerable<string> SourceFiles(string project) =>
        Directory.GetFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(project, f)))
            .Order(StringComparer.Ordinal);

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static string Relative(string path) => Path.GetRelativePath(FixturePaths.RepositoryRoot, path);

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
