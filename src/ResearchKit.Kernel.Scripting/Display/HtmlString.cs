namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>Markup to show as HTML: <c>display(new HtmlString("&lt;b&gt;hi&lt;/b&gt;"))</c>, or <c>Html("...")</c> in a cell.</summary>
public sealed record HtmlString(string Html)
{
    public override string ToString() => Html;
}
