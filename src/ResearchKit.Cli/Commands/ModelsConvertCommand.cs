using System.CommandLine;
using ResearchKit.Embeddings;
using ResearchKit.Models;
using ResearchKit.Models.Conversion;
using ResearchKit.Models.Hub;

namespace ResearchKit.Cli.Commands;

/// <summary>
/// <c>researchkit models convert NAME|DIR</c>: turns an open_clip EVA02-CLIP checkpoint (a pulled registry entry or a
/// folder) into visual.onnx / textual.onnx beside its config and tokenizer files, with the Python recipe in models/recipes.
/// </summary>
public static class ModelsConvertCommand
{
    /// <summary>Environment variable naming the Python interpreter to use.</summary>
    public const string PythonVariable = "RESEARCHKIT_PYTHON";

    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("NAME|DIR") { Description = "A pulled registry name (e.g. EVA02-CLIP-B-16) or an open_clip checkpoint folder." };
        var output = new Option<string?>("--out") { Description = "Folder for the converted model (default: the checkpoint folder itself, for a registry name its pulled snapshot)." };
        var python = new Option<string?>("--python") { Description = $"Python interpreter with torch (default: ${PythonVariable}, then python3 on PATH, then /usr/bin/python3: the first that imports torch)." };
        var threads = new Option<int>("--threads") { Description = "Threads torch may use.", DefaultValueFactory = _ => 2 };
        var cacheDir = ModelsCommand.CacheDirOption();
        var registryPath = ModelsCommand.RegistryOption();
        var command = new Command("convert", "Convert an open_clip EVA02-CLIP checkpoint into the ONNX towers ResearchKit loads (needs Python 3 with torch).");
        command.Arguments.Add(model);
        command.Options.Add(output);
        command.Options.Add(python);
        command.Options.Add(threads);
        command.Options.Add(cacheDir);
        command.Options.Add(registryPath);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var checkpoint = ShippedFiles.Tool.LocateModel(parse.GetValue(model)!, parse.GetValue(registryPath), parse.GetValue(cacheDir)).Directory;
            var interpreter = await TorchPython.FindAsync(
                [parse.GetValue(python), Environment.GetEnvironmentVariable(PythonVariable), "python3", "/usr/bin/python3"],
                $"pass --python PATH (or set {PythonVariable}) naming an interpreter that has it", ct);
            console.Error.WriteLine($"using {interpreter.Path} (torch {interpreter.TorchVersion})");
            var result = await OpenClipConverter.ConvertAsync(new OpenClipConversionOptions
            {
                CheckpointDirectory = checkpoint,
                OutputDirectory = parse.GetValue(output) ?? checkpoint,
                Python = interpreter.Path,
                Recipe = FindRecipe(),
                Threads = Math.Max(1, parse.GetValue(threads)),
            }, new ImmediateProgress<string>(console.Error.WriteLine), ct);
            console.Error.WriteLine($"converted {result.Probe.TimmModelName} (embedding {result.Probe.EmbeddingDim}); load it with --model {result.OutputDirectory}");
            console.Out.WriteLine(result.OutputDirectory);
            return 0;
        }));
        return command;
    }

    /// <summary>The recipe shipped beside the tool (recipes/, in a build output and an installed tool alike).</summary>
    /// <exception cref="ModelConversionException">The tool was installed without it.</exception>
    public static string FindRecipe() =>
        ShippedFiles.Tool.ConversionRecipe is var recipe && File.Exists(recipe)
            ? recipe
            : throw new ModelConversionException(recipe, "the conversion recipe is not beside the tool (recipes/); rebuild or reinstall the tool.");
}
