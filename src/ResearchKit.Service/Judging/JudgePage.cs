using System.Reflection;
using System.Text.Json;

namespace ResearchKit.Service.Judging;

/// <summary>
/// The one self-contained judging page (embedded <c>judge.html</c>: no CDN, works offline), filled in with the
/// session's token and mode, and a per-response nonce for its inline script and style.
/// </summary>
internal sealed class JudgePage(JudgeSession session, string token)
{
    private static readonly string Template = LoadTemplate();

    public string Render(string nonce)
    {
        // The default encoder escapes <, > and &, so the JSON cannot close the script element.
        var config = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["token"] = token,
            ["mode"] = session.Options.Mode == JudgeMode.Triplets ? "triplets" : "relevance",
            ["dataset"] = Path.GetFileName(Path.GetFullPath(session.Options.Dataset).TrimEnd(Path.DirectorySeparatorChar)),
            ["space"] = session.SpaceName,
            ["database"] = session.DatabasePath,
        });
        return Template.Replace("{{NONCE}}", nonce, StringComparison.Ordinal).Replace("{{CONFIG}}", config, StringComparison.Ordinal);
    }

    private static string LoadTemplate()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ResearchKit.Service.Judging.judge.html")
            ?? throw new InvalidOperationException("judge.html is not embedded in ResearchKit.Service; check the EmbeddedResource item.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
