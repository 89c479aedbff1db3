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

    [Theory]
    [InlineData("int F(int n) => n < 1 ? 0 : F(n - 1);\nvar y = 2;", "int F(int n) { global::ResearchKit.Kernel.Scripting.CellInterruption.Check(); return n < 1 ? 0 : F(n - 1);}")]
    [InlineData("void Log(string s) => Console.WriteLine(s);\nvar y = 2;", "void Log(string s) { global::ResearchKit.Kernel.Scripting.CellInterruption.Check(); Console.WriteLine(s);}")]
    [InlineData("async Task Go() => await Task.Delay(1);\nvar y = 2;", "async Task Go() { global::ResearchKit.Kernel.Scripting.CellInterruption.Check(); await Task.Delay(1);}")]
    [InlineData("async Task<int> Get() => await Task.FromResult(1);\nvar y = 2;", "async Task<int> Get() { global::ResearchKit.Kernel.Scripting.CellInterruption.Check(); return await Task.FromResult(1);}")]
    public void Expression_bodied_methods_become_guarded_blocks_on_the_same_line(string code, string firstLine)
    {
        var rewritten = InterruptionInjector.Rewrite(code, Script).Split('\n');
        static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
        Assert.Equal(Squeeze(firstLine), Squeeze(rewritten[0]));
        Assert.Equal("var y = 2;", rewritten[1]);
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
