using System.Runtime.CompilerServices;
using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Bluesky;

public enum JetstreamMessageKind
{
    PostCreated,
    /// <summary>Posts are rarely updated, but the protocol allows it; store as an upsert.</summary>
    PostUpdated,
    /// <summary>No record or cid: find the stored post by <see cref="JetstreamMessage.PostUri"/>.</summary>
    PostDeleted,
    /// <summary>Other collections, identity and account events, heartbeats.</summary>
    Ignored,
    Error,
}

/// <summary>
/// One Jetstream message classified. <see cref="TimeUs"/> is the resume cursor (unix µs); it is not monotonic
/// on the wire, so track the maximum with <see cref="JetstreamCursor"/>.
/// </summary>
public sealed record JetstreamMessage(JetstreamMessageKind Kind, long Line)
{
    public long? TimeUs { get; init; }
    public string? Did { get; init; }
    /// <summary>"commit", "identity", "account" (account active:false / status:deleted calls for a purge).</summary>
    public string? EventKind { get; init; }
    public string? PostUri { get; init; }
    public string? Rev { get; init; }
    public IncomingPost? Post { get; init; }
    public ConnectorError? Error { get; init; }
}

public static class Jetstream
{
    private const string Source = "jetstream";

    /// <summary>Parses one text frame (WebSocket) or JSONL line.</summary>
    public static JetstreamMessage Parse(string json, long line = 0, BlueskyMapperOptions? options = null)
    {
        if (!ConnectorJson.TryParse(Source, json, out var document, out var parseError, line))
            return Failed(parseError!);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Failed(new ConnectorError(Source, $"expected an object, found {root.ValueKind}", line));
            // Jetstream v2's own framing reports terminal errors such as ConsumerTooSlow this way.
            if (root.String("$type") == "error")
                return Failed(new ConnectorError(Source, $"{root.String("error")}: {root.String("message")}", line));
            if (!ConnectorJson.TryBind<JetstreamEvent>(Source, root, ConnectorJson.CamelCase, out var message, out var bindError, line))
                return Failed(bindError!);
            var (did, timeUs) = (message.Did, message.TimeUs);
            var result = new JetstreamMessage(JetstreamMessageKind.Ignored, line) { TimeUs = message.TimeUs, Did = message.Did, EventKind = message.Kind };
            if (message.Kind != "commit" || message.Commit is not { Collection: BlueskyMapper.PostCollection } commit)
                return result;
            if (message.Did is null || commit.Rkey is null || message.TimeUs is null)
                return FailedCommit(new ConnectorError(Source, "post commit without did, rkey or time_us", line));

            var uri = BlueskyMapper.AtUri(message.Did, commit.Rkey);
            result = result with { PostUri = uri, Rev = commit.Rev };
            switch (commit.Operation)
            {
                case "delete":
                    return result with { Kind = JetstreamMessageKind.PostDeleted };
                case "create" or "update":
                    if (commit.Record is not { ValueKind: JsonValueKind.Object } record)
                        return FailedCommit(new ConnectorError(Source, $"{commit.Operation} of {uri} has no record", line, Path: "$.commit.record"));
                    if (!BlueskyMapper.TryMap(message.Did, commit.Rkey, record, json, options, null, out var post, out var mapError))
                        return FailedCommit(mapError! with { Line = line });
                    return result with { Kind = commit.Operation == "create" ? JetstreamMessageKind.PostCreated : JetstreamMessageKind.PostUpdated, Post = post };
                default:
                    return FailedCommit(new ConnectorError(Source, $"unknown commit operation '{commit.Operation}'", line, Path: "$.commit.operation"));
            }

            // Keep the cursor moving past a bad commit.
            JetstreamMessage FailedCommit(ConnectorError error) => new(JetstreamMessageKind.Error, line) { Error = error, TimeUs = timeUs, Did = did };
        }

        JetstreamMessage Failed(ConnectorError error) => new(JetstreamMessageKind.Error, line) { Error = error };
    }

    /// <summary>Reads JSONL (recorded Jetstream output, one message per line); never throws for bad input.</summary>
    public static async IAsyncEnumerable<JetstreamMessage> ReadAsync(
        Stream stream, BlueskyMapperOptions? options = null, int maxLineBytes = LineReader.DefaultMaxLineBytes,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var frame in NdjsonFramer.ReadAsync(stream, maxLineBytes, cancellationToken).ConfigureAwait(false))
        {
            if (frame.Kind == NdjsonFrameKind.KeepAlive)
                continue;
            yield return frame.Kind == NdjsonFrameKind.Error
                ? new JetstreamMessage(JetstreamMessageKind.Error, frame.Line) { Error = new ConnectorError(Source, frame.Text, frame.Line) }
                : Parse(frame.Text, frame.Line, options);
        }
    }
}

/// <summary>
/// The resume point: the highest time_us processed. Reconnect a few seconds earlier (events arrive slightly
/// out of order, and delivery is at-least-once), and dedupe on the post uri + rev.
/// </summary>
public readonly record struct JetstreamCursor(long? MaxTimeUs)
{
    public JetstreamCursor Observe(long? timeUs) => timeUs is { } t && (MaxTimeUs is null || t > MaxTimeUs) ? new JetstreamCursor(t) : this;

    /// <summary>The ?cursor= value for a reconnect, or null to tail live.</summary>
    public long? ResumeAt(TimeSpan rewind) => MaxTimeUs is { } max ? Math.Max(0, max - (long)rewind.TotalMicroseconds) : null;
}
