using System.Text.Json;
using Earshot.Engine.Pipeline;

namespace Earshot.Api;

/// <summary>
/// `GET /api/events`: a server-sent event stream of what happens, for live pages. Stored posts are coalesced per half
/// second (`posts`) so a bulk import does not flood a browser; alert events (`alert`) go out at once.
/// </summary>
public static class EventsApi
{
    public static void MapEventsApi(this WebApplication app)
    {
        app.MapGet("/api/events", StreamAsync).WithTags("Events").ExcludeFromDescription();
    }

    private static async Task StreamAsync(HttpContext context, EventBus bus, Access.AccessScope scope, TimeProvider clock, CancellationToken cancellationToken)
    {
        var visible = await scope.WorkspaceIdsAsync(cancellationToken);
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(": connected\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);

        var pending = 0;
        var lastFlush = clock.GetTimestamp();
        try
        {
            await using var events = bus.SubscribeAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            var next = events.MoveNextAsync().AsTask();
            while (true)
            {
                var tick = Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                if (await Task.WhenAny(next, tick) == next)
                {
                    if (!await next)
                        break;
                    var @event = events.Current;
                    if (visible is not null && !visible.Contains(@event.WorkspaceId))
                    {
                        // Another workspace's event: not this caller's business.
                    }
                    else if (@event.Type.StartsWith("alert.", StringComparison.Ordinal))
                    {
                        // Alerts are rare and urgent: sent at once, not coalesced.
                        var alert = JsonSerializer.Serialize(new { type = @event.Type, id = @event.SubjectId });
                        await context.Response.WriteAsync($"event: alert\ndata: {alert}\n\n", cancellationToken);
                        await context.Response.Body.FlushAsync(cancellationToken);
                    }
                    else if (@event.Type == Core.Events.EarshotEvent.PostStored)
                    {
                        pending++;
                    }
                    next = events.MoveNextAsync().AsTask();
                }
                if (pending > 0 && clock.GetElapsedTime(lastFlush) >= TimeSpan.FromMilliseconds(500))
                {
                    var data = JsonSerializer.Serialize(new { type = "posts", count = pending });
                    await context.Response.WriteAsync($"event: posts\ndata: {data}\n\n", cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                    pending = 0;
                    lastFlush = clock.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away.
        }
    }
}
