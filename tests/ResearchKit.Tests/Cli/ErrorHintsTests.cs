using System.CommandLine;
using System.Text.RegularExpressions;
using ResearchKit.Cli;
using ResearchKit.Cli.Commands;
using ResearchKit.Deployment;
using ResearchKit.Embeddings;
using ResearchKit.Embeddings.Storage;
using ResearchKit.Evaluation;
using ResearchKit.Models;
using ResearchKit.Models.Hub;
using ResearchKit.Search;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Cli;

/// <summary>
/// Core errors say what is wrong with a value and name no flag, command or repository path (they reach HTTP clients
/// too); the CLI adds a hint line with the flags and commands, and every flag it names exists.
/// </summary>
public sealed partial class ErrorHintsTests
{
    // One of each error the hint table knows, in each variant it distinguishes.
    private static readonly Exception[] Samples =
    [
        new ExecutionProviderUnavailableException("cuda", ["CPUExecutionProvider"]),
        new ExecutionProviderUnavailableException("cuda", ["CPUExecutionProvider", "CUDAExecutionProvider"], "libcublasLt.so.13: cannot open shared object file"),
        new ModelLoadException("/m", "missing.") { Variant = "fp16" },
        new ModelLoadException("/m", "gone.") { Space = "siglip" },
        new ModelLoadException("/m", "corrupt."),
        new UnknownModelException("nope", ["siglip-emoji"]),
        new ModelNotFoundException("facebook/dinov2-small", "not pulled."),
        new ModelNotFoundException("facebook/dinov2-small", "not pulled.") { Variant = "fp16" },
        new ModelNotFoundException("siglip-emoji", "cannot be downloaded.") { Pullable = false },
        new UnknownVariantException("facebook/dinov2-small", "q9", ["fp16"]),
        new ModelRegistryException("/r/registry.json", "the file does not exist."),
        new ModelDownloadException("org/name", "model.onnx", "refused."),
        new StoreNotFoundException("/d/.researchkit"),
        new UnknownSpaceException("x", "/d/.researchkit", ["siglip"]),
        new ArgumentException("the store has several spaces (a, b); name the one to search.", "space"),
        new UnknownItemException("a.png", "the dataset"),
        new ModelMismatchException("siglip", "/m", "other files"),
        new StoreVersionException("/d/store.json", 9, 1),
        new StoreCorruptException("/d/seg", "bad."),
        new SearchConfigException("/no/such/config.json", "no such config file."),
        new TestCollectionException("/b", "no queries/ folder."),
        new LexiconNotFoundException("/usr/share/wordnet", "WordNet"),
        new LexiconFormatException("/usr/share/wordnet/data.noun", 3, "bad line"),
    ];

    // dotnet's own flags, named in the hint on upgrading the tool.
    private static readonly string[] DotnetToolFlags = ["--global", "--tool-path"];

    [Fact]
    public void Every_known_error_gets_a_hint_and_every_flag_and_command_it_names_exists()
    {
        var root = Program.BuildRoot(CliConsole.Plain(new StringWriter(), new StringWriter()));
        var flags = AllCommands(root).SelectMany(c => c.Options).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var sample in Samples)
        {
            var hint = ErrorHints.For(sample);
            Assert.False(hint is null, $"no hint for {sample.GetType().Name}");
            foreach (Match flag in Flag().Matches(hint!))
                Assert.True(flags.Contains(flag.Value) || DotnetToolFlags.Contains(flag.Value), $"{sample.GetType().Name}: the hint names {flag.Value}, which no command has: {hint}");
            foreach (Match command in Command().Matches(hint!))
            {
                var first = root.Subcommands.SingleOrDefault(c => c.Name == command.Groups[1].Value);
                Assert.True(first is not null, $"{sample.GetType().Name}: the hint names `researchkit {command.Groups[1].Value}`, which does not exist: {hint}");
                if (first!.Subcommands.Count > 0)
                    Assert.Contains(first.Subcommands, c => c.Name == command.Groups[2].Value);
            }
        }
    }

    [Fact]
    public void Errors_without_cli_advice_get_no_hint()
    {
        Assert.Null(ErrorHints.For(new ArgumentException("top_k 0 is outside 1..1000.")));
        Assert.Null(ErrorHints.For(new SearchConfigException(FixturePaths.Image("photo_coffee.jpg"), "is not a valid search config.")));
        Assert.Null(ErrorHints.For(new InvalidOperationException("a bug")));
    }

    [Fact]
    public void Core_messages_name_no_flag_command_or_repository_path()
    {
        var core = Path.Combine(FixturePaths.RepositoryRoot, "src", "ResearchKit");
        var offences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
                foreach (Match literal in Literal().Matches(lines[i]))
                    if (CliOrRepository().IsMatch(literal.Value))
                        offences.Add($"{Path.GetRelativePath(core, file)}:{i + 1}: {literal.Value}");
            }
        }
        Assert.True(offences.Count == 0, "core messages that speak of the CLI or the repository:\n" + string.Join('\n', offences));
    }

    [Fact]
    public void The_core_finds_nothing_by_itself()
    {
        var core = Path.Combine(FixturePaths.RepositoryRoot, "src", "ResearchKit");
        var walking = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("AppContext.BaseDirectory", StringComparison.Ordinal) || text.Contains("CurrentDirectory", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(core, f)).ToList();
        Assert.Empty(walking);
    }

    [Fact]
    public void Cuda_in_the_cpu_build_is_a_typed_error_naming_what_to_install_with_a_hint()
    {
        var result = CliRun.Invoke("embed", FixturePaths.Image("photo_coffee.jpg"), "--model", FixturePaths.Model("siglip-tiny"), "--provider", "cuda");
        Assert.Equal(CommandGuard.UserError, result.ExitCode);
        var lines = result.Error.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: Execution provider 'cuda' is not available in this ONNX Runtime build", lines[0]);
        Assert.Contains("Microsoft.ML.OnnxRuntime.Gpu.Linux 1.32.0", lines[0]);
        Assert.Contains("libcublas.so.13", lines[0]);
        Assert.Contains("libcudnn.so.9", lines[0]);
        Assert.StartsWith("hint: ", lines[1]);
        Assert.Contains("-p:OnnxRuntimeFlavor=cuda", lines[1]);
    }

    private static IEnumerable<Command> AllCommands(Command command) => command.Subcommands.SelectMany(AllCommands).Prepend(command);

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*")]
    private static partial Regex Flag();

    [GeneratedRegex(@"`researchkit ([a-z-]+)(?: ([a-z-]+))?")]
    private static partial Regex Command();

    [GeneratedRegex(@"\$?""(?:[^""\\]|\\.)*""")]
    private static partial Regex Literal();

    [GeneratedRegex(@"(?<![\w-])--[a-z]|researchkit [a-z]|scripts/|data/emoji|tests/fixtures|models/emoji|models/registry")]
    private static partial Regex CliOrRepository();
}
