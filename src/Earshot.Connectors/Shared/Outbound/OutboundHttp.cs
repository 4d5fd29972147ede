using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace Earshot.Connectors.Shared.Outbound;

/// <summary>
/// Every <see cref="HttpClient"/> the factory makes goes through the <see cref="OutboundGuard"/>: its primary
/// handler connects only through the guard (redirects too, since each new connection does), and
/// <see cref="OutboundErrors"/> turns transport failures into words safe to store. A client that needs changes to
/// its handler changes the guarded one (<c>ConfigurePrimaryHttpMessageHandler((handler, _) => …)</c>), never replaces it.
/// </summary>
public static class OutboundHttp
{
    /// <summary>The guard, its options, and the guard as the default of every HTTP client registered here or later.</summary>
    public static IServiceCollection AddEarshotOutbound(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(OutboundGuard)))
            return services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new OutboundOptions());
        services.AddSingleton<OutboundGuard>();
        services.ConfigureHttpClientDefaults(client => client
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<OutboundGuard>()))
            .AddHttpMessageHandler(sp => new OutboundErrors(sp.GetRequiredService<OutboundOptions>(), sp.GetService<ILogger<OutboundErrors>>())));
        return services;
    }

    /// <summary>A handler whose every connection is made by the guard.</summary>
    public static SocketsHttpHandler CreateHandler(OutboundGuard guard) => new()
    {
        ConnectCallback = new GuardedConnection(guard).ConnectAsync,
        // A proxy would make the connection to the named host itself, past the guard.
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>True when <paramref name="handler"/> (a factory's chain, outermost first) connects only through a guard.</summary>
    public static bool IsGuarded(HttpMessageHandler handler)
    {
        var errors = false;
        while (handler is DelegatingHandler delegating)
        {
            errors |= delegating is OutboundErrors;
            handler = delegating.InnerHandler!;
        }
        return errors && handler is SocketsHttpHandler { ConnectCallback.Target: GuardedConnection, UseProxy: false };
    }

    /// <summary>A guarded message invoker for what takes one rather than a client (a WebSocket's handshake).</summary>
    public static HttpMessageInvoker Invoker(IHttpMessageHandlerFactory handlers, string name) => new(handlers.CreateHandler(name), disposeHandler: false);

    private sealed class GuardedConnection(OutboundGuard guard)
    {
        public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
            new NetworkStream(await guard.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken), ownsSocket: true);
    }
}
