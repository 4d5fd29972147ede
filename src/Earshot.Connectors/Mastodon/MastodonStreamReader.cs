using System.Runtime.CompilerServices;
using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Mastodon;

public enum MastodonStreamEventKind
{
    /// <summary>"update": a new status.</summary>
    Update,
    /// <summary>"status.update": an edited status; store as an upsert (edited_at may even be null).</summary>
    Edit,
    /// <summary>"delete": payload is a bare, instance-local status id (not JSON, not the uri).</summary>
    Delete,
    /// <summary>A ':' comment (":)" on connect, ":thump" every 15 s): only proves the connection is alive.</summary>
    Heartbeat,
    /// <summary>An event Earshot does not use (notification, filters_changed, conversation...).</summary>
    Ignored,
    /// <summary>A status that could not be read, an oversized line, or a failed stream.</summary>
    Error,
}

public sealed record MastodonStreamEvent(MastodonStreamEventKind Kind, long Line, string EventName)
{
    public IncomingPost? Post { get; init; }
    /// <summary>The status's id on the server streamed from (the paging cursor), so nobody parses the payload again.</summary>
    public string? StatusId { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public string? DeletedStatusId { get; init; }
    public ConnectorError? Error { get; init; }
}

/// <summary>Reads the Mastodon streaming API (SSE) into typed events; never throws for bad input.</summary>
public static class MastodonStreamReader
{
    private const string Source = "mastodon stream";

    public static async IAsyncEnumerable<MastodonStreamEvent> ReadAsync(
        Stream stream, MastodonMapperOptions? options = null, int maxLineBytes = LineReader.DefaultMaxLineBytes,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in SseReader.ReadAsync(stream, maxLineBytes, cancellationToken).ConfigureAwait(false))
        {
            yield return item.Kind switch
            {
                SseItemKind.Comment => new MastodonStreamEvent(MastodonStreamEventKind.Heartbeat, item.Line, ""),
                SseItemKind.Error => Failed(item.Line, "", new ConnectorError(Source, item.Data, item.Line)),
                _ => Interpret(item, options),
            };
        }
    }

    /// <summary>Interprets one event; also used for WebSocket frames once their JSON-string payload is unwrapped.</summary>
    public static MastodonStreamEvent Interpret(string eventName, string data, long line, MastodonMapperOptions? options) =>
        Interpret(new SseItem(SseItemKind.Event, eventName, data, null, line), options);

    /// <summary>
    /// Interprets one WebSocket text frame: {"stream":[...],"event":"update","payload":"&lt;Status as a JSON string&gt;"}.
    /// The payload is encoded twice, so it is unwrapped before the SSE rules apply; error frames are errors.
    /// </summary>
    public static MastodonStreamEvent InterpretWebSocketFrame(string frame, long sequence = 0, MastodonMapperOptions? options = null)
    {
        if (!ConnectorJson.TryParse(Source, frame, out var document, out var parseError, sequence))
            return Failed(sequence, "", parseError!);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Failed(sequence, "", new ConnectorError(Source, $"expected an object frame, found {root.ValueKind}", sequence));
            if (root.String("error") is { } message)
                return Failed(sequence, "", new ConnectorError(Source, $"server error frame: {message}", sequence));
            var eventName = root.String("event") ?? "";
            var payload = root.TryGetProperty("payload", out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetStringLenient()! : value.GetRawText()
                : "";
            return Interpret(new SseItem(SseItemKind.Event, eventName, payload, null, sequence), options);
        }
    }

    private static MastodonStreamEvent Interpret(SseItem item, MastodonMapperOptions? options)
    {
        switch (item.EventName)
        {
            case "delete":
                var id = item.Data.Trim().Trim('"');
                return id.Length == 0
                    ? Failed(item.Line, item.EventName, new ConnectorError(Source, "delete event without a status id", item.Line))
                    : new MastodonStreamEvent(MastodonStreamEventKind.Delete, item.Line, item.EventName) { DeletedStatusId = id };
            case "update" or "status.update":
                if (!ConnectorJson.TryDeserialize<MastodonStatus>(Source, item.Data, ConnectorJson.SnakeCase, out var status, out var readError, item.Line))
                    return Failed(item.Line, item.EventName, readError!);
                if (!MastodonMapper.TryMap(status, item.Data, options, out var post, out var mapError))
                    return Failed(item.Line, item.EventName, mapError! with { Line = item.Line });
                var kind = item.EventName == "update" ? MastodonStreamEventKind.Update : MastodonStreamEventKind.Edit;
                return new MastodonStreamEvent(kind, item.Line, item.EventName) { Post = post, StatusId = status.Id, EditedAt = (status.Reblog ?? status).EditedAt };
            default:
                return new MastodonStreamEvent(MastodonStreamEventKind.Ignored, item.Line, item.EventName);
        }
    }

    private static MastodonStreamEvent Failed(long line, string eventName, ConnectorError error) =>
        new(MastodonStreamEventKind.Error, line, eventName) { Error = error };
}
