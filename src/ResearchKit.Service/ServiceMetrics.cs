using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ResearchKit.Service;

/// <summary>Request counts, latency histograms and cache figures, rendered in the Prometheus text format.</summary>
public sealed class ServiceMetrics
{
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly ConcurrentDictionary<(string Endpoint, int Status), long> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new();
    private long _rejected;

    /// <summary>Counts one finished request and its duration.</summary>
    public void Observe(string endpoint, int status, double seconds)
    {
        _requests.AddOrUpdate((endpoint, status), 1, (_, n) => n + 1);
        _latency.GetOrAdd(endpoint, _ => new Histogram()).Add(seconds);
    }

    /// <summary>Counts a request refused because the queue was full.</summary>
    public void Rejected() => Interlocked.Increment(ref _rejected);

    /// <summary>The exposition text for <c>GET /metrics</c>.</summary>
    public string Render(ServiceStateHolder holder, ServiceState state)
    {
        var text = new StringBuilder();
        text.Append("# HELP researchkit_requests_total Requests answered, by endpoint and status.\n# TYPE researchkit_requests_total counter\n");
        foreach (var ((endpoint, status), n) in _requests.OrderBy(p => p.Key.Endpoint).ThenBy(p => p.Key.Status))
            text.Append(Inv($"researchkit_requests_total{{endpoint=\"{endpoint}\",status=\"{status}\"}} {n}\n"));
        text.Append("# HELP researchkit_request_duration_seconds Request latency.\n# TYPE researchkit_request_duration_seconds histogram\n");
        foreach (var (endpoint, h) in _latency.OrderBy(p => p.Key))
            h.Render(text, endpoint);
        text.Append(Inv($"# HELP researchkit_rejected_total Requests refused with 429 (queue full).\n# TYPE researchkit_rejected_total counter\nresearchkit_rejected_total {Interlocked.Read(ref _rejected)}\n"));
        text.Append(Inv($"# HELP researchkit_query_cache_hits_total Query embeddings served from cache.\n# TYPE researchkit_query_cache_hits_total counter\nresearchkit_query_cache_hits_total {state.Engine.QueryCacheHits}\n"));
        text.Append(Inv($"# HELP researchkit_config_generation Loaded config generation.\n# TYPE researchkit_config_generation gauge\nresearchkit_config_generation {state.Generation}\n"));
        text.Append(Inv($"# HELP researchkit_config_reload_failures_total Config edits that could not be loaded.\n# TYPE researchkit_config_reload_failures_total counter\nresearchkit_config_reload_failures_total {holder.FailedReloads}\n"));
        return text.ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed class Histogram
    {
        private readonly long[] _counts = new long[Buckets.Length + 1];
        private long _count;
        private double _sum;
        private readonly Lock _gate = new();

        public void Add(double seconds)
        {
            lock (_gate)
            {
                var i = Array.FindIndex(Buckets, b => seconds <= b);
                _counts[i < 0 ? Buckets.Length : i]++;
                _count++;
                _sum += seconds;
            }
        }

        public void Render(StringBuilder text, string endpoint)
        {
            lock (_gate)
            {
                long cumulative = 0;
                for (var i = 0; i < Buckets.Length; i++)
                {
                    cumulative += _counts[i];
                    text.Append(Inv($"researchkit_request_duration_seconds_bucket{{endpoint=\"{endpoint}\",le=\"{Buckets[i]}\"}} {cumulative}\n"));
                }
                text.Append(Inv($"researchkit_request_duration_seconds_bucket{{endpoint=\"{endpoint}\",le=\"+Inf\"}} {_count}\n"));
                text.Append(Inv($"researchkit_request_duration_seconds_sum{{endpoint=\"{endpoint}\"}} {_sum}\n"));
                text.Append(Inv($"researchkit_request_duration_seconds_count{{endpoint=\"{endpoint}\"}} {_count}\n"));
            }
        }
    }
}
