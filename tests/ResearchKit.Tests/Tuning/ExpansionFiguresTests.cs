using System.Globalization;
using System.Text.Json;

namespace ResearchKit.Tests.Tuning;

/// <summary>
/// The committed expansion figures (benchmarks/run-expansion.sh → benchmarks/results/expansion-MODEL.json) meet the
/// issue's targets, and the README and models/emoji/EVALUATION.md quote them as measured.
/// </summary>
public sealed class ExpansionFiguresTests
{
    public static TheoryData<string> Models => new() { "siglip-emoji", "eva02-clip-emoji" };

    private static JsonElement Report(string model) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "benchmarks", "results", $"expansion-{model}.json"))).RootElement;

    private static JsonElement Set(JsonElement comparisons, string name) => comparisons.EnumerateArray().Single(c => c.GetProperty("set").GetString() == name);

    private static double Mean(JsonElement comparison, string setting, string metric) => comparison.GetProperty(setting).GetProperty(metric).GetProperty("mean").GetDouble();

    [Theory]
    [MemberData(nameof(Models))]
    public void Expansion_reaches_hit_at_10_of_0_6_on_held_out_twemoji_and_never_falls_below_plain(string model)
    {
        var report = Report(model);
        var heldOut = report.GetProperty("reportOn");

        Assert.True(report.GetProperty("settings").GetProperty("gate").GetProperty("open").GetBoolean());
        foreach (var part in new[] { "all", "test" })
        {
            var oovAndPhrase = Set(heldOut.GetProperty(part), "oov+phrase");
            Assert.True(Mean(oovAndPhrase, "expanded", "hit") >= 0.6, $"{model} {part}: hit@10 {Mean(oovAndPhrase, "expanded", "hit")}");
            Assert.True(oovAndPhrase.GetProperty("ndcgGain").GetProperty("low").GetDouble() > 0);
            foreach (var set in heldOut.GetProperty(part).EnumerateArray())
                Assert.True(Mean(set, "expanded", "hit") >= Mean(set, "plain", "hit"), $"{model} {part} {set.GetProperty("set")}: expanded hit@10 below plain");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void The_readme_and_the_evaluation_page_quote_the_committed_figures(string model)
    {
        var heldOut = Report(model).GetProperty("reportOn");
        var readme = File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "README.md"));
        var evaluation = File.ReadAllText(Path.Combine(FixturePaths.RepositoryRoot, "models", "emoji", "EVALUATION.md"));

        foreach (var part in new[] { "all", "test" })
        {
            var c = Set(heldOut.GetProperty(part), "oov+phrase");
            foreach (var metric in new[] { "hit", "recall", "ndcg" })
            {
                var quoted = Quote(c, metric);
                Assert.Contains(quoted, readme);
                Assert.Contains(quoted, evaluation);
            }
        }
    }

    /// <summary>"plain → expanded [low, high]" with three decimals, as the README and EVALUATION.md write each figure.</summary>
    internal static string Quote(JsonElement comparison, string metric)
    {
        var plain = comparison.GetProperty("plain").GetProperty(metric);
        var expanded = comparison.GetProperty("expanded").GetProperty(metric);
        return string.Create(CultureInfo.InvariantCulture,
            $"{plain.GetProperty("mean").GetDouble():0.000} → {expanded.GetProperty("mean").GetDouble():0.000} [{expanded.GetProperty("low").GetDouble():0.000}, {expanded.GetProperty("high").GetDouble():0.000}]");
    }
}
