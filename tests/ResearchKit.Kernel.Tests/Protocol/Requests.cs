using System.Text.Json;
using ResearchKit.Kernel;

namespace ResearchKit.Kernel.Tests.Protocol;

/// <summary>Builds client requests as a front end would send them.</summary>
public static class Requests
{
    public static readonly byte[] Identity = [1, 2, 3];

    public static JupyterMessage Make(string type, object content, string session = "client-session") => new()
    {
        Identities = [Identity],
        Header = MessageHeader.Create(type, session, "tester"),
        Content = JsonSerializer.SerializeToElement(content),
    };
}
