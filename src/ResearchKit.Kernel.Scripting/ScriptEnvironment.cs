using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using ResearchKit.Kernel.Scripting.References;
using ResearchKit.Search;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// The compilation settings cells share: the .NET framework, ResearchKit, Plotly.NET, Microsoft.Data.Analysis and .NET
/// Interactive's formatting library referenced (with their XML docs for inspect), the default imports, and the
/// <c>#r</c>/<c>#load</c> resolvers; packages a session installs are added to both sets.
/// Binding references is a large part of a trivial cell's compile and emit time (the full set, with the dependencies
/// resolved for it, is ~180 assemblies), so <see cref="Bound"/> starts with a handful and no dependency resolution; a
/// cell that does not compile with them is compiled again with <see cref="Full"/>, and the assemblies that compilation
/// used join <see cref="Bound"/> for the rest of the session.
/// </summary>
internal sealed class ScriptEnvironment
{
    /// <summary>Framework assemblies of the core set: what the default imports and everyday cells need.</summary>
    private static readonly HashSet<string> CoreFramework = new(StringComparer.OrdinalIgnoreCase)
    {
        "System.Private.CoreLib.dll", "System.Runtime.dll", "netstandard.dll", "System.Collections.dll", "System.Linq.dll",
        "System.Console.dll", "System.Threading.dll", "System.Runtime.InteropServices.dll", "System.Memory.dll",
    };

    private readonly HashSet<MetadataReference> _bound;

    private ScriptEnvironment(ScriptOptions bound, ScriptOptions full)
    {
        (Bound, Full) = (bound, full);
        _bound = [.. bound.MetadataReferences];
    }

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>
    /// The references cells compile against first: a few framework assemblies, ResearchKit and the notebook globals,
    /// then what earlier cells needed (and the session's packages); their dependencies are not resolved.
    /// </summary>
    public ScriptOptions Bound { get; private set; }

    /// <summary>The whole framework and every library the kernel ships with (and the session's packages).</summary>
    public ScriptOptions Full { get; private set; }

    /// <summary>Adds assemblies of packages the session installed to both reference sets.</summary>
    public void AddReferences(IReadOnlyList<string> paths)
    {
        var references = paths.Select(Reference).ToList();
        lock (_bound)
        {
            _bound.UnionWith(references);
            (Bound, Full) = (Bound.AddReferences(references), Full.AddReferences(references));
        }
    }

    /// <summary>
    /// Adds to <see cref="Bound"/> the references a cell compiled against <see cref="Full"/> used; false when they were all
    /// bound already (the bound set cannot compile such cells, and the caller should keep to <see cref="Full"/>).
    /// </summary>
    public bool Bind(IEnumerable<MetadataReference> used)
    {
        lock (_bound)
        {
            var added = used.Where(_bound.Add).ToList();
            if (added.Count > 0) Bound = Bound.AddReferences(added);
            return added.Count > 0;
        }
    }

    public static ScriptEnvironment Create(EvaluatorOptions options)
    {
        var all = References().ToList();
        var common = Settings(options);
        var core = all.Where(r => r.Core).Select(r => r.Reference);
        var direct = common.WithMetadataResolver(new DirectReferenceResolver(common.MetadataResolver));
        return new ScriptEnvironment(direct.WithReferences(core), common.WithReferences(all.Select(r => r.Reference)));
    }

    private static ScriptOptions Settings(EvaluatorOptions options) => ScriptOptions.Default
        .WithImports(options.Imports)
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithEmitDebugInformation(true)
        .WithFileEncoding(System.Text.Encoding.UTF8)
        .WithMetadataResolver(new ScriptReferenceResolver(options.WorkingDirectory, new NuGetScriptRestorer(options.PackageCacheDirectory, options.NuGetConfigFile)))
        .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(options.WorkingDirectory));

    private static IEnumerable<(MetadataReference Reference, bool Core)> References()
    {
        var coreLibraries = new[] { typeof(NotebookGlobals).Assembly.Location, typeof(SearchEngine).Assembly.Location };
        return ReferencePaths().Select(p => (Reference(p), CoreFramework.Contains(Path.GetFileName(p)) || coreLibraries.Contains(p)));
    }

    /// <summary>The assemblies of the full set: the framework's and the kernel's libraries.</summary>
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
