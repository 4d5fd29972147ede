using System.Globalization;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Push;
using Earshot.Connectors.WebChat;
using Earshot.Engine.Channels;
using Earshot.Engine.Pipeline;

namespace Earshot.Api;

/// <summary>
/// `GET /api/webchat/{channel}/stream?token=…`: the conversation as server-sent events (`line` for each message or
/// reply, `status` when agents come online or leave). Each event's id is the time of its line, and a reconnecting
/// EventSource sends it back as Last-Event-ID, so lines are re-sent from that moment on and none is lost; the widget
/// drops ids it already shows. Lines are looked up again when a case or post of the workspace changes (at once, in
/// this process) and every few seconds (changes made by other nodes).
/// </summary>
internal static class WebChatStream
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(
        string channel, HttpContext context, PushChannels channels, WebChatConversations conversations, EventBus bus,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (found, logger, refusal) = await WebChatApi.OpenAsync(context, channel, channels, loggers, cancellationToken);
        if (found is null)
        {
            await refusal!.ExecuteAsync(context);
            return;
        }
        var (session, unauthorized) = WebChatApi.Session(logger, context, channel, found, channels, context.Request.Query["token"], clock);
        if (session is null)
        {
            await unauthorized!.ExecuteAsync(context);
            return;
        }
        DateTime? cursor = Cursor(context.Request.Headers["Last-Event-ID"]) ?? Cursor(context.Request.Query["after"]);
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.WriteAsync("retry: 2000\n\n", cancellationToken);

        bool? online = null;
        var lastWrite = clock.GetUtcNow();
        try
        {
            await using var events = bus.SubscribeAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            var next = events.MoveNextAsync().AsTask();
            while (clock.GetUtcNow() < session.ExpiresAt)
            {
                foreach (var line in await conversations.LinesAsync(found.Id, session, cursor, cancellationToken))
                {
                    var id = line.At.Ticks.ToString(CultureInfo.InvariantCulture);
                    var data = JsonSerializer.Serialize(new { id = line.Id, from = line.From, name = line.Name, text = line.Text, at = line.At });
                    await context.Response.WriteAsync($"id: {id}\nevent: line\ndata: {data}\n\n", cancellationToken);
                    cursor = line.At;
                    lastWrite = clock.GetUtcNow();
                }
                var now = await conversations.AgentsOnlineAsync(found, cancellationToken);
                if (now != online)
                {
                    online = now;
                    await context.Response.WriteAsync($"event: status\ndata: {JsonSerializer.Serialize(new { online = now })}\n\n", cancellationToken);
                    lastWrite = clock.GetUtcNow();
                }
                if (clock.GetUtcNow() - lastWrite >= Heartbeat)
                {
                    await context.Response.WriteAsync(": still here\n\n", cancellationToken);
                    lastWrite = clock.GetUtcNow();
                }
                await context.Response.Body.FlushAsync(cancellationToken);

                // Sleep until something in this workspace changes, or the poll interval passes.
                var tick = Task.Delay(Poll, clock, cancellationToken);
                while (true)
                {
                    if (await Task.WhenAny(next, tick) != next)
                        break;
                    if (!await next)
                        return;
                    var @event = events.Current;
                    next = events.MoveNextAsync().AsTask();
                    if (@event.WorkspaceId == found.WorkspaceId && (@event.Type.StartsWith("case.", StringComparison.Ordinal) || @event.Type == Core.Events.EarshotEvent.PostStored))
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The visitor left.
        }
    }

    private static DateTime? Cursor(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 && ticks <= DateTime.MaxValue.Ticks
            ? new DateTime(ticks, DateTimeKind.Utc)
            : null;
}
