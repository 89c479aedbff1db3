using ResearchKit.Kernel.Scripting;

namespace ResearchKit.Kernel.Tests.Scripting;

public sealed class InterruptionInjectorTests
{
    private static readonly Microsoft.CodeAnalysis.CSharp.CSharpParseOptions Script =
        new(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest, kind: Microsoft.CodeAnalysis.SourceCodeKind.Script);

    [Fact]
    public void Loops_and_method_bodies_get_a_check_without_moving_lines()
    {
        var code = "while (x)\n  y++;\nforeach (var a in b) { f(a); }\nint F() { return 1; }\ndo g(); while (z);";
        var rewritten = InterruptionInjector.Rewrite(code, Script);
        Assert.Equal(4, Count(rewritten, "CellInterruption.Check()"));
        Assert.Equal(code.Split('\n').Length, rewritten.Split('\n').Length);
        Assert.StartsWith("int F() {", rewritten.Split('\n')[3]);
        Assert.Contains("CellInterruption.Check()", rewritten.Split('\n')[3]);
    }

    [Fact]
    public void Thread_sleep_becomes_an_interruptible_sleep()
    {
        var rewritten = InterruptionInjector.Rewrite("Thread.Sleep(10);\nvar t = Thread.CurrentThread;", Script);
        Assert.StartsWith("global::ResearchKit.Kernel.Scripting.CellInterruption.Sleep(10);", rewritten);
        Assert.EndsWith("var t = Thread.CurrentThread;", rewritten);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
