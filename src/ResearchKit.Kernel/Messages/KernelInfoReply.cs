using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>kernel_info_reply content.</summary>
public sealed record KernelInfoReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("protocol_version")] string ProtocolVersion,
    [property: JsonPropertyName("implementation")] string Implementation,
    [property: JsonPropertyName("implementation_version")] string ImplementationVersion,
    [property: JsonPropertyName("language_info")] LanguageInfo LanguageInfo,
    [property: JsonPropertyName("banner")] string Banner,
    [property: JsonPropertyName("help_links")] IReadOnlyList<HelpLink> HelpLinks);
