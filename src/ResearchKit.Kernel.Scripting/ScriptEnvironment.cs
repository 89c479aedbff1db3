using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using ResearchKit.Kernel.Scripting.References;
using ResearchKit.Search;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// The compilation setting every cell shares: the .NET framework, ResearchKit, Plotly.NET and Microsoft.Data.Analysis
/// referenced (with their XML docs for inspect), the default imports, and the <c>#r</c>/<c>#load</c> resolvers.
/// </summary>
internal static class ScriptEnvironment
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    public static ScriptOptions Create(EvaluatorOptions options) => ScriptOptions.Default
        .WithReferences(References())
        .WithImports(options.Imports)
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithEmitDebugInformation(true)
        .WithFileEncoding(System.Text.Encoding.UTF8)
        .WithMetadataResolver(new ScriptReferenceResolver(options.WorkingDirectory, new NuGetScriptRestorer(options.PackageCacheDirectory, options.NuGetConfigFile)))
        .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(options.WorkingDirectory));

    private static IEnumerable<MetadataReference> References()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetDirectoryName(p) == frameworkDirectory && p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        Assembly[] libraries =
        [
            typeof(NotebookGlobals).Assembly, typeof(SearchEngine).Assembly, typeof(Plotly.NET.GenericChart).Assembly,
            typeof(Plotly.NET.CSharp.Chart).Assembly, typeof(Microsoft.FSharp.Core.FSharpOption<>).Assembly,
            typeof(Microsoft.Data.Analysis.DataFrame).Assembly, typeof(SkiaSharp.SKBitmap).Assembly,
        ];
        return framework.Concat(libraries.Select(a => a.Location)).Where(p => p.Length > 0).Distinct().Select(Reference);
    }

    private static MetadataReference Reference(string path)
    {
        var xml = Path.ChangeExtension(path, ".xml");
        return File.Exists(xml)
            ? MetadataReference.CreateFromFile(path, documentation: new XmlDocumentationFile(xml))
            : MetadataReference.CreateFromFile(path);
    }
}
