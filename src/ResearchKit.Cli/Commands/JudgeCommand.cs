using System.CommandLine;
using Microsoft.Extensions.Logging;
using ResearchKit.Service.Judging;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit judge DATASET [--mode triplets|relevance] [--port P]</c>: the keyboard judging page on 127.0.0.1.</summary>
public static class JudgeCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new Argument<string>("dataset") { Description = "Dataset folder; answers go to its judgments database (the one the tune commands read)." };
        var mode = new Option<string>("--mode") { Description = "triplets (which option is closer to the anchor) or relevance (is this result relevant).", DefaultValueFactory = _ => "triplets" };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 5060 };
        var space = new Option<string?>("--space") { Description = "Space to judge in; default the tuned space, else the store's first." };
        var order = new Option<string>("--order") { Description = "Triplets: uncertain (where the current weights are least sure) or random.", DefaultValueFactory = _ => "uncertain" };
        var queries = new Option<string?>("--queries") { Description = "Relevance: text file of queries, one a line (text, or id:ITEM); default random items." };
        var judge = new Option<string>("--judge") { Description = "Name stored with each answer.", DefaultValueFactory = _ => Environment.UserName };
        var store = new Option<string?>("--store") { Description = "Store folder when it is not DATASET/.researchkit." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var command = new Command("judge", "Serve a keyboard judging page on 127.0.0.1 that writes triplets or relevance labels straight to the judgments database.");
        command.Arguments.Add(dataset);
        foreach (var option in new Option[] { mode, port, space, order, queries, judge, store, seed }) command.Options.Add(option);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var options = new JudgeOptions
            {
                Dataset = parse.GetValue(dataset)!,
                Mode = parse.GetValue(mode) switch
                {
                    "triplets" => JudgeMode.Triplets,
                    "relevance" => JudgeMode.Relevance,
                    var other => throw new ArgumentException($"--mode '{other}' is not triplets or relevance."),
                },
                Uncertain = parse.GetValue(order) switch
                {
                    "uncertain" => true,
                    "random" => false,
                    var other => throw new ArgumentException($"--order '{other}' is not uncertain or random."),
                },
                Port = parse.GetValue(port),
                Space = parse.GetValue(space),
                QueriesFile = parse.GetValue(queries),
                Judge = parse.GetValue(judge)!,
                StoreDirectory = parse.GetValue(store),
                Seed = parse.GetValue(seed),
            };
            // A failed start is reported below in one line, so the host's own stack-trace log of it is left out.
            await using var app = JudgeApp.Build(options, logging => logging.SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None));
            try { await app.StartAsync(ct); }
            catch (IOException e)
            {
                throw new JudgeException($"cannot listen on 127.0.0.1:{options.Port} ({e.Message}); pick another --port, or 0 for a free one.", e);
            }
            console.Out.WriteLine($"judging {options.Mode.ToString().ToLowerInvariant()} in space '{app.Session.SpaceName}'; answers go to {app.Session.DatabasePath}");
            console.Out.WriteLine($"open {app.PageAddress}  (keep this URL private: its token lets a page write judgments; Ctrl+C stops)");
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            return 0;
        }));
        return command;
    }
}
