using System.Reflection;
using Microsoft.CodeAnalysis.Scripting;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// Compiles a submission on the calling thread. Roslyn compiles each type on a worker task (concurrentBuild); a cell is
/// one small type, so that is only hand-offs between threads: a quarter of a trivial cell's CPU in the profile, and
/// worse on a busy machine. <see cref="ScriptOptions"/> cannot say so, so the option is set on the submission's
/// compilation (Roslyn's private <c>Script._lazyCompilation</c>) before it compiles; if a Roslyn update renames that
/// field, cells compile as before (<see cref="Available"/> turns false, and a test says so).
/// </summary>
internal static class SerialCompilation
{
    private static readonly FieldInfo? Compilation =
        typeof(Script).GetField("_lazyCompilation", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>True when submissions can be switched to serial compilation.</summary>
    public static bool Available => Compilation is not null;

    /// <summary>Makes <paramref name="script"/> compile without worker tasks (before its first Compile).</summary>
    public static Script<T> Apply<T>(Script<T> script)
    {
        if (Compilation is null) return script;
        var compilation = script.GetCompilation();
        if (compilation.Options.ConcurrentBuild) Compilation.SetValue(script, compilation.WithOptions(compilation.Options.WithConcurrentBuild(false)));
        return script;
    }
}
