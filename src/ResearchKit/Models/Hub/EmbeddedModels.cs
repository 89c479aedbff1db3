namespace ResearchKit.Models.Hub;

/// <summary>
/// The default models that ship inside the repository (models/emoji/NAME, trained by models/recipes on the
/// emoji benchmark), found by name above the application and the working directory, so a fresh clone
/// resolves them without a download.
/// </summary>
public static class EmbeddedModels
{
    /// <summary>The folder under the repository root that holds the embedded models.</summary>
    public const string Folder = "models/emoji";

    /// <summary>The embedded model directory called <paramref name="name"/>, or null when no checkout above has it.</summary>
    public static string? Find(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/') || name.Contains('\\') || name.Contains("..", StringComparison.Ordinal)) return null;
        return ProjectPath.FindAbove(Path.Combine(Folder, name), Directory.Exists, AppContext.BaseDirectory, Environment.CurrentDirectory);
    }
}
