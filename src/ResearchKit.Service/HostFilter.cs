using System.Net;
using Microsoft.AspNetCore.Http;

namespace ResearchKit.Service;

/// <summary>
/// Which <c>Host</c> names the service answers to, so that a web page whose domain an attacker points at 127.0.0.1
/// (DNS rebinding) cannot use a loopback service; and whether it listens beyond loopback at all. Both come from the
/// listen addresses and the operator's allow-list (<see cref="ServiceOptions.AllowedHosts"/>).
/// </summary>
public sealed class HostFilter
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];
    private readonly HashSet<string>? _allowed; // null: any host

    public HostFilter(ServiceOptions options)
    {
        var listening = ListenHosts(options.Urls);
        ListensBeyondLoopback = listening.Any(h => !IsLoopback(h));
        if (options.AllowedHosts is { Count: > 0 } given)
            _allowed = given.Contains("*") ? null : new HashSet<string>(LoopbackNames.Concat(given), StringComparer.OrdinalIgnoreCase);
        else
            _allowed = listening.Any(IsWildcard) ? null : new HashSet<string>(LoopbackNames.Concat(listening), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True when some listen address is not loopback (a wildcard, or a named interface).</summary>
    public bool ListensBeyondLoopback { get; }

    /// <summary>True when every host name is answered (a wildcard listen address without an allow-list).</summary>
    public bool AllowsAnyHost => _allowed is null;

    /// <summary>Whether a request's Host header names this service.</summary>
    public bool Allows(HostString host) => _allowed is null || (host.HasValue && (_allowed.Contains(host.Host) || IsLoopback(host.Host)));

    /// <summary>The allowed names, for messages.</summary>
    public string Describe() => _allowed is null ? "any host" : string.Join(", ", _allowed.Order(StringComparer.Ordinal));

    /// <summary>The host part of each listen address (<c>http://HOST:PORT</c>, several separated by ';').</summary>
    public static IReadOnlyList<string> ListenHosts(string urls) =>
        [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(HostOf)];

    private static string HostOf(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var authority = rest.Split('/')[0];
        if (authority.StartsWith('[')) return authority[..(authority.IndexOf(']') + 1)];
        var colon = authority.LastIndexOf(':');
        return colon < 0 ? authority : authority[..colon];
    }

    private static bool IsWildcard(string host) => host is "" or "*" or "+" or "0.0.0.0" or "[::]" or "::";

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
