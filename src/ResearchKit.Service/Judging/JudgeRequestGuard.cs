using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ResearchKit.Service.Judging;

/// <summary>
/// Lets through only requests from the judging page itself: the Host must be this loopback address (no DNS
/// rebinding), a browser's Origin and Sec-Fetch-Site must say same origin, and the session token must come as the
/// X-Judge-Token header (API calls) or the <c>t</c> parameter (the page, images and export links).
/// </summary>
public sealed class JudgeRequestGuard(string token)
{
    /// <summary>Header that carries the session token on API calls.</summary>
    public const string TokenHeader = "X-Judge-Token";

    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    /// <summary>Null when the request may proceed; otherwise the status and the reason to send back.</summary>
    public (int Status, string Reason)? Check(HttpRequest request)
    {
        var port = request.HttpContext.Connection.LocalPort;
        var host = request.Host.Value ?? "";
        if (host != $"127.0.0.1:{port}" && host != $"localhost:{port}")
            return (StatusCodes.Status403Forbidden, $"Host '{host}' is not this judging server; open http://127.0.0.1:{port}/ as printed by 'researchkit judge'.");
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin != $"http://{host}")
            return (StatusCodes.Status403Forbidden, $"requests from origin '{origin}' are refused; only the judging page itself may call this server.");
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
            return (StatusCodes.Status403Forbidden, $"cross-site request (Sec-Fetch-Site: {site}) refused; only the judging page itself may call this server.");
        var given = request.Headers[TokenHeader].ToString();
        if (given.Length == 0) given = request.Query["t"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token))
            return (StatusCodes.Status401Unauthorized, "missing or wrong session token; open the URL that 'researchkit judge' printed (it ends in ?t=...).");
        return null;
    }

    /// <summary>A fresh random session token, safe in URLs.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
