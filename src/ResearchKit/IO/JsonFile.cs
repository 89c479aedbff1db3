using System.Text.Json;

namespace ResearchKit.IO;

/// <summary>Parses a JSON file, turning a missing file or bad JSON into the caller's typed error.</summary>
public static class JsonFile
{
    /// <summary>Parses <paramref name="path"/>; <paramref name="fail"/> builds the error from a problem sentence and the cause.</summary>
    public static JsonDocument Parse(string path, Func<string, Exception, Exception> fail)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw fail("the file is missing; restore it from the model's source repository.", e);
        }
        catch (JsonException e)
        {
            throw fail($"not valid JSON ({e.Message}); restore the file from the model's source repository.", e);
        }
    }
}
