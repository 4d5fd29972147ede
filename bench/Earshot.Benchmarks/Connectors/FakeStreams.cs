using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Earshot.Benchmarks.Connectors;

/// <summary>
/// One local server speaking the three streaming transports on 127.0.0.1: X's chunked filtered stream (with its
/// rules endpoint), Mastodon's server-sent events (with an empty catch-up timeline) and Bluesky's Jetstream
/// WebSocket. Each stream sends the payload it was given, then ends, which ends the connector's run.
/// </summary>
public sealed class FakeStreams : IAsyncDisposable
{
    private const int ChunkBytes = 16 * 1024;

    private readonly WebApplication _app;

    public byte[] XBody { get; set; } = [];
    public byte[] MastodonBody { get; set; } = [];
    public IReadOnlyList<byte[]> JetstreamMessages { get; set; } = [];

    private FakeStreams(WebApplication app) => _app = app;

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<FakeStreams> StartAsync()
    {
        // The content root is watched for configuration changes, with its subfolders: run from /tmp, the default (the
        // working folder) put every write of the bench's databases in /tmp/earshot-bench through a file watcher,
        // 7 % of the run's CPU.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeStreams(app);
        app.UseWebSockets();
        app.MapGet("/2/tweets/search/stream/rules", () => Results.Text("""{"meta":{"sent":"2026-01-15T10:35:00.000Z","result_count":0}}""", "application/json"));
        app.MapPost("/2/tweets/search/stream/rules", () => Results.Text(
            """{"data":[{"value":"acme","tag":"bench","id":"1"}],"meta":{"sent":"2026-01-15T10:35:00.000Z","summary":{"created":1,"not_created":0,"valid":1,"invalid":0}}}""",
            "application/json", statusCode: 201));
        app.MapGet("/2/tweets/search/stream", (HttpContext http) => SendAsync(http, "application/json", fake.XBody));
        app.MapGet("/api/v1/timelines/tag/{tag}", () => Results.Text("[]", "application/json"));
        app.MapGet("/api/v1/streaming/hashtag", (HttpContext http) => SendAsync(http, "text/event-stream", fake.MastodonBody));
        app.Map("/subscribe", async (HttpContext http) =>
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            foreach (var message in fake.JetstreamMessages)
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, http.RequestAborted);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", http.RequestAborted);
        });
        await app.StartAsync();
        return fake;
    }

    /// <summary>Chunked, flushed as it goes, as a live stream arrives.</summary>
    private static async Task SendAsync(HttpContext http, string contentType, byte[] body)
    {
        http.Response.ContentType = contentType;
        for (var offset = 0; offset < body.Length; offset += ChunkBytes)
        {
            await http.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(ChunkBytes, body.Length - offset)), http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
