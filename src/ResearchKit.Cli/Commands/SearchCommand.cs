using System.CommandLine;
using ResearchKit.Search;
using ResearchKit.Tuning;

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
            // With --expand the engine answers an empty query with a note instead of an error.
            if (string.IsNullOrWhiteSpace(text) && !parse.GetValue(search.Expand))
                throw new ArgumentException("the query is empty; say what to look for, e.g. researchkit search DATASET \"red apple\".");
            var data = dataset.Open(parse);
            using var engine = SearchEngine.Open(data);
            var notes = new List<string>();
            var options = search.Build(parse, search.TunedExpansion(parse, engine, TuningState.Read(data.StoreDirectory), notes));
            var response = engine.SearchText(text, options);
            search.Print(console, parse, notes.Count == 0 ? response : response with { Notes = [.. notes, .. response.Notes] });
            return 0;
        }));
        return command;
    }
}
