using System.Runtime.CompilerServices;
using System.Text;

namespace Earshot.Connectors.Shared;

public enum SseItemKind
{
    /// <summary>A dispatched event (blank line after one or more data lines).</summary>
    Event,
    /// <summary>A ':' comment line; servers use them as heartbeats (Mastodon ":thump"), so it proves liveness.</summary>
    Comment,
    /// <summary>An oversized line, or the stream failed; see <see cref="SseItem.Data"/>.</summary>
    Error,
}

/// <summary>One item of a text/event-stream. For events, <see cref="Data"/> joins multi-line data with '\n'.</summary>
public sealed record SseItem(SseItemKind Kind, string EventName, string Data, string? Id, long Line);

/// <summary>
/// Reads Server-Sent Events (WHATWG HTML §9.2) from a stream. Malformed parts are reported as items,
/// never thrown: an event with an oversized line is dropped whole, because half its data would mislead.
/// </summary>
public static class SseReader
{
    public static async IAsyncEnumerable<SseItem> ReadAsync(
        Stream stream, int maxLineBytes = LineReader.DefaultMaxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Nearly every event has one data line (Mastodon's statuses are 3 KB JSON on one line): it is kept as it was
        // read, and a builder joins lines only when a second one comes.
        var data = new StringBuilder();
        string? onlyLine = null;
        string eventName = "", lastId = "";
        bool hasData = false, damaged = false;
        long eventLine = 0;
        await foreach (var line in LineReader.ReadRawLinesAsync(stream, maxLineBytes, cancellationToken).ConfigureAwait(false))
        {
            switch (line.Kind)
            {
                case StreamLineKind.TooLong:
                    damaged = true;
                    yield return new SseItem(SseItemKind.Error, "", line.Decode(), null, line.Number);
                    continue;
                case StreamLineKind.TransportError:
                    yield return new SseItem(SseItemKind.Error, "", $"stream failed: {line.Decode()}", null, line.Number);
                    yield break;
                case StreamLineKind.Truncated:
                    // The spec discards an event that the end of the stream cuts off.
                    yield break;
            }

            // Only the value is decoded: a status line is "data: " and 3 KB of JSON, and decoding the whole line
            // first would copy the JSON twice.
            var bytes = line.Bytes.Span;
            if (bytes.Length == 0)
            {
                if (hasData && !damaged)
                    yield return new SseItem(SseItemKind.Event, eventName.Length == 0 ? "message" : eventName, onlyLine ?? data.ToString(), lastId.Length == 0 ? null : lastId, eventLine);
                data.Clear();
                onlyLine = null;
                eventName = "";
                hasData = damaged = false;
                continue;
            }
            if (bytes[0] == (byte)':')
            {
                yield return new SseItem(SseItemKind.Comment, "", Encoding.UTF8.GetString(bytes[1..]).TrimStart(), null, line.Number);
                continue;
            }

            var colon = bytes.IndexOf((byte)':');
            var fieldBytes = colon < 0 ? bytes : bytes[..colon];
            var field = fieldBytes.SequenceEqual("data"u8) ? "data" : fieldBytes.SequenceEqual("event"u8) ? "event" : fieldBytes.SequenceEqual("id"u8) ? "id" : null;
            if (!hasData && eventName.Length == 0)
                eventLine = line.Number;
            if (field is null)
                continue; // the spec ignores other fields ("retry" only tunes reconnection)
            var valueStart = colon < 0 ? bytes.Length : colon + 1 < bytes.Length && bytes[colon + 1] == (byte)' ' ? colon + 2 : colon + 1;
            var value = Encoding.UTF8.GetString(bytes[valueStart..]);
            switch (field)
            {
                case "event":
                    eventName = value;
                    break;
                case "data" when !hasData:
                    onlyLine = value;
                    hasData = true;
                    break;
                case "data":
                    if (onlyLine is not null)
                        data.Append(onlyLine);
                    onlyLine = null;
                    data.Append('\n').Append(value);
                    break;
                case "id" when !value.Contains('\0', StringComparison.Ordinal):
                    lastId = value;
                    break;
            }
        }
    }
}
