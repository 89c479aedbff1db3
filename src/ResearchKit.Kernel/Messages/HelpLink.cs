using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>One entry of kernel_info_reply's help_links.</summary>
public sealed record HelpLink(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("url")] string Url);
