using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// A Mastodon server on 127.0.0.1 speaking the real transport: the hashtag timeline over REST with `min_id`, and
/// the hashtag stream as server-sent events with heartbeats. The test decides what each returns and when the stream
/// drops. Statuses are the recorded fixture with new ids.
/// </summary>
public sealed class FakeMastodonServer : IAsyncDisposable
{
    public const string Disconnect = "<disconnect>";
    private const string DeletePrefix = "<delete>";
    private readonly WebApplication _app;
    private readonly JsonObject _template;
    private readonly List<JsonObject> _timeline = [];
    private readonly List<string> _authorizations = [];
    private Channel<string> _stream = Channel.CreateUnbounded<string>();

    private FakeMastodonServer(WebApplication app, JsonObject template) => (_app, _template) = (app, template);

    public Uri BaseUrl { get; private set; } = null!;
    public int StreamConnections { get; private set; }
    public IReadOnlyList<string> Authorizations { get { lock (_authorizations) return [.. _authorizations]; } }

    public static async Task<FakeMastodonServer> StartAsync(string fixtureTimelineJson)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var template = (JsonObject)JsonNode.Parse(fixtureTimelineJson)!.AsArray()[0]!;
        var server = new FakeMastodonServer(app, template);
        app.MapGet("/api/v1/timelines/tag/{tag}", (HttpContext context) => server.Timeline(context));
        app.MapGet("/api/v1/streaming/hashtag", (HttpContext context) => server.StreamAsync(context));
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>A status like the recorded one, with its own id, uri and text.</summary>
    public JsonObject Status(long id, string text)
    {
        var status = (JsonObject)_template.DeepClone();
        status["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        status["uri"] = $"https://fake.social/users/someone/statuses/{id}";
        status["url"] = $"https://fake.social/@someone/{id}";
        status["content"] = $"<p>{System.Net.WebUtility.HtmlEncode(text)} <a href=\"https://fake.social/tags/hoot\" class=\"mention hashtag\">#<span>hoot</span></a></p>";
        return status;
    }

    public void AddToTimeline(JsonObject status) { lock (_timeline) _timeline.Add(status); }

    public void Stream(JsonObject status) => _stream.Writer.TryWrite(status.ToJsonString());

    public void DropStream() => _stream.Writer.TryWrite(Disconnect);

    /// <summary>The streaming API's delete: the event's data is the bare, instance-local status id.</summary>
    public void StreamDelete(long id) => _stream.Writer.TryWrite(DeletePrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private IResult Timeline(HttpContext context)
    {
        Record(context);
        long.TryParse(context.Request.Query["min_id"], out var minId);
        lock (_timeline)
        {
            var page = _timeline.Where(s => long.Parse(s["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > minId)
                .OrderByDescending(s => long.Parse(s["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).Take(40);
            return Results.Text(new JsonArray([.. page.Select(s => s.DeepClone())]).ToJsonString(), "application/json");
        }
    }

    private async Task StreamAsync(HttpContext context)
    {
        Record(context);
        StreamConnections++;
        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync(":)\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        var reader = _stream.Reader;
        while (!context.RequestAborted.IsCancellationRequested)
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            tick.CancelAfter(200);
            string item;
            try
            {
                item = await reader.ReadAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.WriteAsync(":thump\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                continue;
            }
            if (item == Disconnect)
                return;
            await context.Response.WriteAsync(item.StartsWith(DeletePrefix, StringComparison.Ordinal)
                ? $"event: delete\ndata: {item[DeletePrefix.Length..]}\n\n"
                : $"event: update\ndata: {item}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private void Record(HttpContext context)
    {
        lock (_authorizations)
            _authorizations.Add(context.Request.Headers.Authorization.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        _stream.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
