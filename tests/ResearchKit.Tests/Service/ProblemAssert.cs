using System.Net;
using System.Text.Json;

namespace ResearchKit.Tests.Service;

/// <summary>Checks that an answer is an RFC 7807 problem: the status, application/problem+json, and a body naming the problem.</summary>
public static class ProblemAssert
{
    /// <summary>Asserts the status and the problem body, whose detail must contain <paramref name="detailPart"/> when given; returns the body.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailPart = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} -> {(int)response.StatusCode} {response.Content.Headers.ContentType}: {text}";
        Assert.True(status == response.StatusCode, what);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", what);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.True(body.GetProperty("status").GetInt32() == (int)status, what);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()), what);
        var detail = body.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail), what);
        if (detailPart is not null) Assert.True(detail!.Contains(detailPart, StringComparison.OrdinalIgnoreCase), what);
        return body;
    }
}
