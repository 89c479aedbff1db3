using ResearchKit.Kernel.Scripting.Polyglot;
using ResearchKit.Kernel.Scripting.References;

namespace ResearchKit.Kernel.Tests.Polyglot;

public sealed class PolyglotCellParserTests
{
    [Theory]
    [InlineData("#r \"nuget: Microsoft.ML, 5.0.1\"", "Microsoft.ML", "5.0.1")]
    [InlineData("#r \"nuget:Microsoft.ML,5.0.1\"", "Microsoft.ML", "5.0.1")]
    [InlineData("#r \"nuget:System.Text.Json\"", "System.Text.Json", null)]
    [InlineData("#r \"nuget: Microsoft.DotNet.Interactive.SqlServer, *-*\"", "Microsoft.DotNet.Interactive.SqlServer", "*-*")]
    [InlineData("#r \"nuget:Plotly.NET, 4.*\"", "Plotly.NET", "4.*")]
    [InlineData("#r \"nuget: Newtonsoft.Json, [12.0, 14.0)\"", "Newtonsoft.Json", "[12.0,14.0)")]
    [InlineData("  #r \"nuget: Octokit/0.51.0\" // pinned", "Octokit", "0.51.0")]
    [InlineData("#r \"nuget: Microsoft.DotNet.Interactive.ExtensionLab, 1.0.0-beta.25177.1", "Microsoft.DotNet.Interactive.ExtensionLab", "1.0.0-beta.25177.1")]
    public void Every_nuget_spelling_is_a_package(string line, string name, string? version)
    {
        var section = Assert.Single(PolyglotCellParser.Parse(line + "\n1"));
        Assert.Equal(new NuGetPackageSpec(name, version), Assert.Single(section.Packages));
        Assert.Equal("\n1", section.Code);
    }

    [Fact]
    public void Sources_magics_and_file_references_are_told_apart_and_lines_keep_their_numbers()
    {
        var section = Assert.Single(PolyglotCellParser.Parse("#!time\n#i \"nuget: https://example.test/v3/index.json\"\n#i \"nuget:/tmp/feed\"\n#r \"lib/My.dll\"\nvar x = 1;"));
        Assert.Equal(["https://example.test/v3/index.json", "/tmp/feed"], section.Sources);
        Assert.Equal(["time"], section.Magics);
        Assert.Equal("\n\n\n#r \"lib/My.dll\"\nvar x = 1;", section.Code);
    }

    [Fact]
    public void Kernel_lines_split_a_cell_into_sections()
    {
        var sections = PolyglotCellParser.Parse("#!csharp\nvar a = 1;\n#!html\n<b>hi</b>\n#!markdown\n# Title\n#!js\nconsole.log(1)");
        Assert.Equal(["csharp", "html", "markdown", "javascript"], sections.Select(s => s.Language));
        Assert.Equal("\nvar a = 1;", sections[0].Code);  // line 2 of the cell stays line 2
        Assert.Equal("<b>hi</b>", sections[1].Code);
        Assert.Equal("console.log(1)", sections[3].Code);
    }

    [Theory]
    [InlineData("#!fsharp\nlet x = 1", "UnsupportedLanguage", "'fsharp'")]
    [InlineData("#!pwsh\nGet-Date", "UnsupportedLanguage", "'pwsh'")]
    [InlineData("#!sql-adventureworks\nselect 1", "UnsupportedLanguage", "'sql-adventureworks'")]
    [InlineData("var x = 1;\n#!share --from fsharp x", "UnsupportedMagicCommand", "#!share")]
    [InlineData("#i \"lib\"", "UnsupportedDirective", "#i \"lib\"")]
    public void What_the_kernel_cannot_run_is_named_in_the_error(string cell, string error, string named)
    {
        var e = Assert.Throws<PolyglotCellException>(() => PolyglotCellParser.Parse(cell));
        Assert.Equal(error, e.ErrorName);
        Assert.Contains(named, e.Message);
        Assert.IsAssignableFrom<ResearchKitException>(e);
    }

    [Fact]
    public void A_shebang_is_not_a_magic_command()
    {
        var section = Assert.Single(PolyglotCellParser.Parse("#!/usr/bin/env dotnet-script\nvar x = 1;"));
        Assert.Empty(section.Magics);
        Assert.StartsWith("#!/usr/bin/env", section.Code);
    }
}
