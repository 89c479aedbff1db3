using System.Globalization;
using ResearchKit.Embeddings;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>
/// A progress bar that updates in place (one display, many update_display_data), at most every 100 ms plus the final
/// state. Pass it where ResearchKit takes <see cref="IProgress{BatchProgress}"/>, e.g. image indexing.
/// </summary>
public sealed class ProgressDisplay : IProgress<BatchProgress>, IProgress<int>
{
    private readonly DisplayHandle _handle;
    private readonly string _label;
    private readonly int _total;
    private readonly TimeProvider _clock;
    private DateTimeOffset _lastShown = DateTimeOffset.MinValue;

    internal ProgressDisplay(DisplayHandle handle, string label, int total, TimeProvider? clock = null)
    {
        _handle = handle;
        _label = label;
        _total = Math.Max(0, total);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The text/plain line for a count, e.g. "Indexing: 40/100 (40%)".</summary>
    public string Describe(int done, int failed = 0) =>
        string.Create(CultureInfo.InvariantCulture, $"{_label}: {done}/{_total} ({(_total == 0 ? 100 : 100.0 * done / _total):F0}%){(failed > 0 ? $", {failed} failed" : "")}");

    /// <summary>Shows <paramref name="done"/> items finished.</summary>
    public void Report(int done) => Show(done, 0);

    /// <inheritdoc />
    public void Report(BatchProgress value) => Show(value.Done, value.Failed);

    internal static HtmlString Render(string text, int done, int total) =>
        new($"<div><progress value=\"{done}\" max=\"{Math.Max(total, 1)}\" style=\"width:300px\"></progress> {System.Net.WebUtility.HtmlEncode(text)}</div>");

    private void Show(int done, int failed)
    {
        var now = _clock.GetUtcNow();
        if (done < _total && now - _lastShown < TimeSpan.FromMilliseconds(100)) return;
        _lastShown = now;
        _handle.Update(Render(Describe(done, failed), done, _total));
    }
}
