using ResearchKit.Kernel.Scripting;

namespace ResearchKit.Kernel.Tests.Scripting;

/// <summary>A cell host that records streams, displays and input prompts; input answers come from a queue.</summary>
public sealed class RecordingCellHost : ICellHost
{
    public List<(string Stream, string Text)> Streams { get; } = [];
    public List<(DisplayBundle Bundle, string Id, bool Update)> Displays { get; } = [];
    public Queue<string> Answers { get; } = new();
    public List<string> Prompts { get; } = [];

    public string Stdout => string.Concat(Streams.Where(s => s.Stream == "stdout").Select(s => s.Text));

    public void WriteStream(string name, string text)
    {
        lock (Streams) Streams.Add((name, text));
    }

    public void Display(DisplayBundle bundle, string displayId, bool update)
    {
        lock (Displays) Displays.Add((bundle, displayId, update));
    }

    public string ReadLine(string prompt, bool password)
    {
        Prompts.Add(prompt);
        return Answers.Count > 0 ? Answers.Dequeue() : throw new InvalidOperationException("no answer queued");
    }
}
