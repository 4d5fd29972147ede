using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// A feed server on 127.0.0.1 that speaks HTTP as real ones do: an ETag, 304 for a matching If-None-Match, and
/// whatever status the test asks for.
/// </summary>
public sealed class FakeFeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string?> _ifNoneMatch = [];

    private FakeFeedServer(WebApplication app) => _app = app;

    public string Body { get; set; } = "";
    public string ETag { get; set; } = "\"v1\"";
    public HttpStatusCode? Failure { get; set; }
    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<string?> ConditionalHeaders { get { lock (_ifNoneMatch) return [.. _ifNoneMatch]; } }

    public static async Task<FakeFeedServer> StartAsync(string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeFeedServer(app) { Body = body };
        app.MapGet("/feed.xml", (HttpContext context) => server.Serve(context));
        await app.StartAsync();
        server.Url = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/feed.xml");
        return server;
    }

    private IResult Serve(HttpContext context)
    {
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        lock (_ifNoneMatch)
            _ifNoneMatch.Add(string.IsNullOrEmpty(ifNoneMatch) ? null : ifNoneMatch);
        if (Failure is { } status)
            return Results.StatusCode((int)status);
        context.Response.Headers.ETag = ETag;
        if (ifNoneMatch == ETag)
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Text(Body, "application/rss+xml; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
