using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using ResearchKit.IO;

namespace ResearchKit.Cli.Commands;

/// <summary>
/// <c>researchkit preprocess IMAGE --model DIR --out FILE.bin</c>: the exact float32 NCHW tensor
/// (little-endian) the model would see, for parity checks against the Python processors.
/// </summary>
public static class PreprocessCommand
{
    public static Command Create(CliConsole console)
    {
        var image = new Argument<string>("image") { Description = "Image file to preprocess." };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the float32 NCHW tensor.", Required = true };
        var model = new ModelArguments();
        var command = new Command("preprocess", "Write the preprocessed pixel tensor of an image and print its shape as JSON.");
        command.Arguments.Add(image);
        command.Options.Add(output);
        model.AddTo(command);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            using var loaded = model.Open(parse, warnings: console.Error);
            var tensor = loaded.Preprocessor.Process(parse.GetValue(image)!);
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Tensor files are little-endian; this machine is big-endian.");
            AtomicFile.Write(parse.GetValue(output)!, s => s.Write(MemoryMarshal.AsBytes(tensor.Data.AsSpan())));
            console.Out.WriteLine(JsonSerializer.Serialize(new { shape = tensor.Shape }));
            return 0;
        }));
        return command;
    }
}
