using Microsoft.AspNetCore.Http;

namespace ResearchKit.Service;

/// <summary>A request's reference to the <see cref="ServiceState"/> it started with; disposing it lets the state go.</summary>
public sealed class ServiceStateLease : IDisposable
{
    private int _released;

    internal ServiceStateLease(ServiceState state) => State = state;

    /// <summary>The generation this request uses from start to end.</summary>
    public ServiceState State { get; }

    /// <summary>The state of the request's lease, taken by the service's middleware before any endpoint runs.</summary>
    public static ServiceState Of(HttpContext context) =>
        (context.Features.Get<ServiceStateLease>() ?? throw new InvalidOperationException("no service state lease on this request; the lease middleware must run before the endpoints.")).State;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) State.Release();
    }
}
