using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using ResearchKit.Kernel.Scripting.References;
using ResearchKit.Search;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// The compilation setting every cell shares: the .NET framework, ResearchKit, Plotly.NET, Microsoft.Data.Analysis and
/// .NET Interactive's Formatting
/// library referenced (with their XML docs for inspect), the default imports, and the <c>#r</c>/<c>#load</c> resolvers.
/// </summary>
internal static class ScriptEnvironment
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    public static ScriptOptions Create(EvaluatorOptions options) => ScriptOptions.Default
        .WithReferences(ReferencePaths().Select(Reference))
        .WithImports(options.Imports)
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithEmitDebugInformation(true)
        .WithFileEncoding(System.Text.Encoding.UTF8)
        .WithMetadataResolver(new ScriptReferenceResolver(options.WorkingDirectory, new NuGetScriptRestorer(options.PackageCacheDirectory, options.NuGetConfigFile)))
        .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(options.WorkingDirectory));

    /// <summary>The assemblies every cell references: the framework's and the kernel's libraries.</summary>
    public static IReadOnlyList<string> ReferencePaths()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = TrustedAssemblies().Where(p => Path.GetDirectoryName(p) == frameworkDirectory && p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
        Assembly[] libraries =
        [
            typeof(NotebookGlobals).Assembly, typeof(SearchEngine).Assembly, typeof(Plotly.NET.GenericChart).Assembly,
            typeof(Plotly.NET.CSharp.Chart).Assembly, typeof(Microsoft.FSharp.Core.FSharpOption<>).Assembly,
            typeof(Microsoft.Data.Analysis.DataFrame).Assembly, typeof(SkiaSharp.SKBitmap).Assembly,
        ];
        // .NET Interactive's formatting library is referenced by path, not loaded: cells that never use it never load it.
        var interactive = TrustedAssemblies().Where(p => Path.GetFileNameWithoutExtension(p) is "Microsoft.DotNet.Interactive.Formatting" or "Microsoft.AspNetCore.Html.Abstractions");
        return framework.Concat(libraries.Select(a => a.Location)).Concat(interactive).Where(p => p.Length > 0).Distinct().ToList();
    }

    /// <summary>The assemblies the runtime binds by name in this process (the framework's and the application's).</summary>
    public static IEnumerable<string> TrustedAssemblies() => (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A reference to an assembly, with its XML documentation when it sits beside it (for inspect).</summary>
    public static MetadataReference Reference(string path)
    {
        var xml = Path.ChangeExtension(path, ".xml");
        return File.Exists(xml)
            ? MetadataReference.CreateFromFile(path, documentation: new XmlDocumentationFile(xml))
            : MetadataReference.CreateFromFile(path);
    }
}
