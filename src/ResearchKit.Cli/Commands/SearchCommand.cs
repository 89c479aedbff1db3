using System.CommandLine;
using ResearchKit.Search;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit search DATASET "query"</c>: text to image search over the dataset's store.</summary>
public static class SearchCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new DatasetArguments();
        var query = new Argument<string>("query") { Description = "What to look for, in words." };
        var search = new SearchArguments();
        var command = new Command("search", "Search a dataset's images by text.");
        dataset.AddTo(command);
        command.Arguments.Add(query);
        search.AddTo(command);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            var text = parse.GetValue(query) ?? "";
            if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("the query is empty; say what to look for, e.g. researchkit search DATASET \"red apple\".");
            using var engine = SearchEngine.Open(dataset.Open(parse));
            search.Print(console, parse, engine.SearchText(text, search.Build(parse)));
            return 0;
        }));
        return command;
    }
}
