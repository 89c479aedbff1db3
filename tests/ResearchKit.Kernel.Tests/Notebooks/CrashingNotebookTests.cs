using System.Diagnostics;
using System.Text.Json.Nodes;
using ResearchKit.Kernel.Tests.EndToEnd;

namespace ResearchKit.Kernel.Tests.Notebooks;

/// <summary>
/// The "crash" end-to-end suite: <c>researchkit notebook run</c> as a user runs it (a child process) on notebooks whose
/// cells end the process that runs them. The runner must survive, record the cell as failed with the reason, and save the
/// notebook up to and including that cell.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CrashingNotebookTests : IDisposable
{
    private readonly NotebookBuilder _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, string, string> Crashes => new()
    {
        { "background", "new Thread(() => throw new InvalidOperationException(\"thrown on a background thread\")).Start();\nThread.Sleep(20000);", "thrown on a background thread" },
        { "overflow", "Func<int, int> down = null!;\ndown = n => down(n + 1) + 1;\ndown(0)", "Stack overflow" },
        { "exit", "Environment.Exit(3);", "exit code 3" },
        { "native", "[System.Runtime.InteropServices.DllImport(\"libc.so.6\")] static extern IntPtr memset(IntPtr to, int value, UIntPtr count);\nmemset(new IntPtr(16), 0, 64);", "SIGSEGV" },
    };

    [Theory]
    [MemberData(nameof(Crashes))]
    public void The_runner_survives_a_cell_that_ends_its_process(string name, string crash, string reason)
    {
        var input = _files.Write($"{name}.ipynb", ("Console.WriteLine(\"before\");", []), (crash, []), ("Console.WriteLine(\"after\");", []));
        var output = Path.Combine(_files.Folder, $"{name}.out.ipynb");
        var (code, log) = JupyterTools.Run(DotNet.Host, [DotNet.ResearchKit, "notebook", "run", input, "-o", output], new Dictionary<string, string>(), TimeSpan.FromMinutes(3));
        Assert.True(code == 1, $"exit code {code}\n{log}");
        Assert.Contains("cell 3 failed: KernelDied", log);
        Assert.True(File.Exists(output), $"no output notebook\n{log}");
        var cells = JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray();
        Assert.Equal("before\n", cells[1]!["outputs"]![0]!["text"]!.GetValue<string>());
        var error = cells[2]!["outputs"]!.AsArray().Single(o => (string?)o!["output_type"] == "error")!;
        Assert.Equal("KernelDied", error["ename"]!.GetValue<string>());
        Assert.Contains(reason, error["evalue"]!.GetValue<string>() + string.Join("\n", error["traceback"]!.AsArray().Select(l => (string?)l)));
        Assert.Equal(2, cells[2]!["execution_count"]!.GetValue<int>());
        Assert.Empty(cells[3]!["outputs"]!.AsArray());
        Assert.Null(cells[3]!["execution_count"]);
    }

    [Fact]
    public void A_cell_blocked_in_a_call_that_ignores_interrupts_times_out_and_the_kernel_serves_the_next_cell()
    {
        var input = _files.Write("blocked.ipynb", ("var gate = new System.Threading.ManualResetEvent(false);", []), ("gate.WaitOne();", []), ("Console.WriteLine(\"after\");", []));
        var output = Path.Combine(_files.Folder, "blocked.out.ipynb");
        var (code, log) = JupyterTools.Run(DotNet.Host, [DotNet.ResearchKit, "notebook", "run", input, "-o", output, "--timeout", "2", "--allow-errors"],
            new Dictionary<string, string>(), TimeSpan.FromMinutes(3));
        Assert.True(code == 0, $"exit code {code}\n{log}");
        var cells = JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray();
        Assert.Equal("CellTimeout", cells[2]!["outputs"]!.AsArray().Single(o => (string?)o!["output_type"] == "error")!["ename"]!.GetValue<string>());
        Assert.Equal("after\n", cells[3]!["outputs"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ctrl_C_interrupts_the_running_cell_saves_the_notebook_and_exits_130()
    {
        var input = _files.Write("long.ipynb", ("Console.WriteLine(\"started\");", []), ("long spins = 0;\nwhile (true) { spins++; }", []), ("Console.WriteLine(\"after\");", []));
        var output = Path.Combine(_files.Folder, "long.out.ipynb");
        // A test run started in the background (`./scripts/test.sh &`) ignores SIGINT, children inherit that, and .NET
        // keeps an inherited SIG_IGN: env puts the default disposition back, as a terminal's Ctrl+C would find it.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", DotNet.Host, DotNet.ResearchKit, "notebook", "run", input, "-o", output]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var run = Process.Start(start)!;
        var stderr = run.StandardError.ReadToEndAsync();
        var stdout = run.StandardOutput.ReadToEndAsync();
        // The runner saves after every cell: once the first cell's output is on disk, the endless cell is running.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(File.Exists(output) && File.ReadAllText(output).Contains("started", StringComparison.Ordinal)) && DateTime.UtcNow < deadline && !run.HasExited)
            await Task.Delay(100);
        await Task.Delay(500);
        using (var kill = Process.Start("kill", ["-s", "INT", run.Id.ToString()])) await kill.WaitForExitAsync();
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(60)), "the runner did not end after Ctrl+C");
        var log = await stderr + await stdout;
        Assert.True(run.ExitCode == 130, $"exit code {run.ExitCode}\n{log}");
        Assert.Contains("interrupted after 2 cells", log);
        var cells = JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray();
        Assert.Equal("CellInterrupted", cells[2]!["outputs"]!.AsArray().Single(o => (string?)o!["output_type"] == "error")!["ename"]!.GetValue<string>());
        Assert.Null(cells[3]!["execution_count"]);
        Assert.True(JsonNode.Parse(File.ReadAllText(output))!["metadata"]!["researchkit"]!["interrupted"]!.GetValue<bool>());
    }
}
