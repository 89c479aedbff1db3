using System.CommandLine;
using System.Text.Json;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit tokenize "TEXT" --model DIR</c>: the model's token ids as <c>{"input_ids":[...]}</c>.</summary>
public static class TokenizeCommand
{
    public static Command Create(CliConsole console)
    {
        var text = new Argument<string>("text") { Description = "Text to tokenize (may be empty)." };
        var model = new ModelArguments();
        var command = new Command("tokenize", "Print the token ids the model's tokenizer produces for a text.");
        command.Arguments.Add(text);
        model.AddTo(command);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            using var loaded = model.Open(parse, warnings: console.Error);
            console.Out.WriteLine(JsonSerializer.Serialize(new { input_ids = loaded.Tokenizer.Encode(parse.GetValue(text) ?? "") }));
            return 0;
        }));
        return command;
    }
}
