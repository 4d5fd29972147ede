using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Earshot.Hosting;

/// <summary>
/// Headers that make the browser enforce what the pages already follow: scripts and styles come only from Earshot's
/// own files (no inline script or style anywhere, so posts' hostile text cannot run even if an encoding were missed),
/// no page may be framed, content types are not sniffed, other sites are not told which page linked them, and no page
/// is kept in the browser's cache.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The configuration key listing proxies (IP addresses, comma-separated) trusted besides loopback.</summary>
    public const string KnownProxiesKey = "Earshot:ForwardedHeaders:KnownProxies";

    /// <summary>
    /// Behind a reverse proxy, the scheme and client address come from its X-Forwarded-Proto and X-Forwarded-For, so
    /// the sign-in cookie is marked Secure on HTTPS and rate limits count real clients. Only loopback (a proxy on the
    /// same machine) and the configured proxies are believed; anyone else's forwarded headers are ignored.
    /// </summary>
    public static IServiceCollection AddEarshotForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = (configuration[KnownProxiesKey] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var proxies = new List<IPAddress>();
        foreach (var entry in configured)
            proxies.Add(IPAddress.TryParse(entry, out var address)
                ? address
                : throw new InvalidOperationException($"{KnownProxiesKey}: '{entry}' is not an IP address"));
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
                options.KnownProxies.Add(proxy);
        });
        return services;
    }

    public static IApplicationBuilder UseEarshotSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set as the response starts, so they hold whatever wrote the response (antiforgery adds its own
            // X-Frame-Options: SAMEORIGIN on form pages; framing is refused everywhere).
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                // Pages are never kept: Back after signing out asks the server again (and gets the login page)
                // rather than showing a stored copy of someone's inbox.
                if (headers.ContentType.ToString().StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
                    headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
