using System.CommandLine;
using ResearchKit.Search;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit similar DATASET ID</c> or <c>--image FILE</c>: "more like this" over the dataset's store.</summary>
public static class SimilarCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new DatasetArguments();
        var id = new Argument<string?>("id") { Description = "Id of a stored item (omit with --image).", Arity = ArgumentArity.ZeroOrOne };
        var image = new Option<string?>("--image") { Description = "A new image file to find similar items to." };
        var search = new SearchArguments();
        var command = new Command("similar", "Find items similar to a stored item or to a new image.");
        dataset.AddTo(command);
        command.Arguments.Add(id);
        command.Options.Add(image);
        search.AddTo(command);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            var itemId = parse.GetValue(id);
            var file = parse.GetValue(image);
            if ((itemId is null) == (file is null)) throw new ArgumentException("give either an item id or --image FILE (not both).");
            using var engine = SearchEngine.Open(dataset.Open(parse));
            var options = search.Build(parse);
            search.Print(console, parse, itemId is not null ? engine.SearchSimilar(itemId, options) : engine.SearchImage(file!, options));
            return 0;
        }));
        return command;
    }
}
