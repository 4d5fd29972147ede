using System.Collections.Concurrent;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Earshot.IntegrationTests.Alerts;

/// <summary>A webhook endpoint on 127.0.0.1 that answers 500 to its first <c>failures</c> requests, then 200, recording each.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private WebhookReceiver(WebApplication app, Uri address)
    {
        _app = app;
        Url = new Uri(address, "/hook").ToString();
    }

    public sealed record Request(string? Event, string? Delivery, string? Timestamp, string? Signature, string Body, int Answered, DateTime ReceivedAt);

    public string Url { get; }

    /// <summary>While set, every request is answered 500.</summary>
    public bool Down { get; set; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public static async Task<WebhookReceiver> StartAsync(int failures)
    {
        WebhookReceiver? receiver = null;
        var (app, address) = await LocalServer.StartAsync(app => app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var status = Interlocked.Increment(ref receiver!._requests) <= failures || receiver.Down ? 500 : 200;
            receiver.Requests.Enqueue(new Request(
                request.Headers["X-Earshot-Event"], request.Headers["X-Earshot-Delivery"], request.Headers["X-Earshot-Timestamp"],
                request.Headers["X-Earshot-Signature"], body, status, DateTime.UtcNow));
            return Results.StatusCode(status);
        }));
        receiver = new WebhookReceiver(app, address);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
