using System.CommandLine;
using ResearchKit.Service;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit serve DATASET --config FILE.json</c>: the production search service over a read-only store.</summary>
public static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new Argument<string>("dataset") { Description = "Dataset folder whose store is served (read-only)." };
        var config = new Option<string>("--config", "-c") { Description = "Search config from 'researchkit export-config' (hot-reloaded on edit).", Required = true };
        var store = new Option<string?>("--store") { Description = "Store folder when it is not DATASET/.researchkit." };
        var urls = new Option<string>("--urls") { Description = "Listen address(es); loopback by default.", DefaultValueFactory = _ => "http://127.0.0.1:5055" };
        var apiKey = new Option<string?>("--api-key") { Description = "Require this key (X-Api-Key or Authorization: Bearer) on every endpoint but /health. Default: env RESEARCHKIT_API_KEY." };
        var concurrent = new Option<int>("--max-concurrent") { Description = "Requests served at once.", DefaultValueFactory = _ => Math.Max(4, Environment.ProcessorCount * 4) };
        var queue = new Option<int>("--queue") { Description = "Requests that may wait; beyond it the answer is 429.", DefaultValueFactory = _ => 64 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds before a request is cancelled with 504.", DefaultValueFactory = _ => 10 };
        var upload = new Option<double>("--max-upload-mb") { Description = "Largest accepted image upload.", DefaultValueFactory = _ => 10 };
        var uploadPixels = new Option<double>("--max-upload-megapixels") { Description = "Uploads whose header declares more pixels are refused (413) before decoding.", DefaultValueFactory = _ => Imaging.ImageLoadOptions.DefaultMaxPixels / 1e6 };
        var decodePixels = new Option<double>("--decode-megapixels") { Description = "Larger uploads are decoded reduced to fit (the per-request pixel memory budget, 4 bytes a pixel).", DefaultValueFactory = _ => 2048 * 2048 / 1e6 };
        var hosts = new Option<string?>("--allowed-hosts") { Description = "Comma-separated Host names to answer besides loopback (default: the listen host; any when listening on 0.0.0.0 or [::]). Others get 400 (DNS-rebinding protection)." };
        var command = new Command("serve", "Serve search, similar, tags, likes and recommendations over HTTP with a tuned config.");
        command.Arguments.Add(dataset);
        foreach (var option in new Option[] { config, store, urls, apiKey, concurrent, queue, timeout, upload, uploadPixels, decodePixels, hosts }) command.Options.Add(option);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var options = new ServiceOptions
            {
                Dataset = parse.GetValue(dataset)!,
                ConfigPath = parse.GetValue(config)!,
                StoreDirectory = parse.GetValue(store),
                Urls = parse.GetValue(urls)!,
                // An empty key (an unset variable exported as "") means no key, never "the empty string is the key".
                ApiKey = (parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("RESEARCHKIT_API_KEY")) is { Length: > 0 } key ? key : null,
                MaxConcurrentRequests = parse.GetValue(concurrent),
                QueueLimit = parse.GetValue(queue),
                RequestTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                MaxUploadBytes = (long)(parse.GetValue(upload) * 1024 * 1024),
                MaxUploadPixels = (long)(parse.GetValue(uploadPixels) * 1e6),
                MaxDecodedPixels = Math.Max(1, (long)(parse.GetValue(decodePixels) * 1e6)),
                AllowedHosts = parse.GetValue(hosts)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            var app = SearchServiceApp.Build(options);
            await app.StartAsync(ct);
            console.Error.WriteLine($"serving {options.Dataset} with {options.ConfigPath}; listening on {string.Join(", ", app.Urls)} (OpenAPI at /openapi/v1.json)");
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            await app.StopAsync(CancellationToken.None);
            return 0;
        }));
        return command;
    }
}
