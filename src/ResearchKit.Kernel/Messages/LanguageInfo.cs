using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>The language_info part of kernel_info_reply.</summary>
public sealed record LanguageInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("mimetype")] string MimeType,
    [property: JsonPropertyName("file_extension")] string FileExtension,
    [property: JsonPropertyName("pygments_lexer")] string PygmentsLexer,
    [property: JsonPropertyName("codemirror_mode")] string CodeMirrorMode,
    [property: JsonPropertyName("nbconvert_exporter")] string? NbconvertExporter = null);
