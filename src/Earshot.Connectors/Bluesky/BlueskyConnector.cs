using Earshot.Core.Wording;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Core.Posts;
using Earshot.Core.Topics.Matching;

namespace Earshot.Connectors.Bluesky;

/// <summary>
/// Bluesky through Jetstream: a WebSocket carrying every new post on the network, filtered here by the channel's
/// listening query. The cursor is the highest `time_us` seen; a reconnect resumes a few seconds before it, because
/// Jetstream's times are not strictly increasing, and storage drops the overlap. Deletes hide the stored post.
/// Settings: <c>{"jetstream_url", "query", "rewind_seconds"?, "stall_seconds"?}</c>, and for replies
/// (<see cref="BlueskyReplies"/>) <c>{"identifier", "app_password" (protected), "pds_url"?}</c>.
/// </summary>
public sealed class BlueskyConnector(IHttpMessageHandlerFactory handlers) : IChannelConnector
{
    /// <summary>The guarded handler the WebSocket handshake goes through (see Shared/Outbound).</summary>
    public const string HttpClientName = "earshot-bluesky";

    private const int MaxMessageBytes = 1 << 20;

    public ChannelKind Kind => ChannelKind.Bluesky;

    public IReadOnlyList<string> SecretFields => ["app_password"];

    public IReadOnlyDictionary<string, Phrase> Validate(JsonElement settings)
    {
        var errors = new Dictionary<string, Phrase>();
        if (!settings.TryGetProperty("jetstream_url", out var url) || url.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) || (uri.Scheme != "wss" && uri.Scheme != "ws"))
            errors["jetstream_url"] = new Phrase("must be a ws:// or wss:// address, e.g. wss://jetstream2.us-east.bsky.network/subscribe");
        if (!settings.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(query.GetString()))
            errors["query"] = new Phrase("a listening query is required: Jetstream carries the whole network");
        else if (Core.Topics.Query.QueryParser.Parse(query.GetString()!).Error is { } error)
            errors["query"] = new Phrase("{0} at column {1}", error.Said, error.Column);
        // The account replies are posted as: optional, but both or neither.
        if (settings.TryGetProperty("identifier", out _) != settings.TryGetProperty("app_password", out _))
            errors["app_password"] = new Phrase("replies need the account's identifier (handle or DID) and an app password together");
        if (settings.TryGetProperty("pds_url", out var pds) && (pds.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(pds.GetString(), UriKind.Absolute, out var pdsUri) || (pdsUri.Scheme != Uri.UriSchemeHttps && pdsUri.Scheme != Uri.UriSchemeHttp)))
            errors["pds_url"] = new Phrase("must be the account's PDS as an http or https URL, e.g. https://bsky.social");
        return errors;
    }

    public async Task<ConnectorRun> RunOnceAsync(ConnectorContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var rewind = TimeSpan.FromSeconds(settings.TryGetProperty("rewind_seconds", out var r) ? r.GetInt32() : 5);
        var stall = TimeSpan.FromSeconds(settings.TryGetProperty("stall_seconds", out var st) ? st.GetInt32() : 30);
        var matcher = new TopicMatcher();
        matcher.AddOrUpdate(Guid.Empty, settings.GetProperty("query").GetString()!);
        var cursor = new JetstreamCursor(long.TryParse(context.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var saved) ? saved : null);

        var url = settings.GetProperty("jetstream_url").GetString()! + "?wantedCollections=app.bsky.feed.post"
                  + (cursor.ResumeAt(rewind) is { } resume ? "&cursor=" + resume.ToString(CultureInfo.InvariantCulture) : "");
        using var socket = new ClientWebSocket();
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stalled.CancelAfter(stall);
        var received = 0;
        var matched = new List<Guid>();
        await using var writer = new StreamIngest(context, cancellationToken);
        try
        {
            using var invoker = OutboundHttp.Invoker(handlers, HttpClientName);
            await socket.ConnectAsync(new Uri(url), invoker, stalled.Token);
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            long line = 0;
            while (socket.State == WebSocketState.Open)
            {
                message.SetLength(0);
                WebSocketReceiveResult frame;
                do
                {
                    frame = await socket.ReceiveAsync(buffer, stalled.Token);
                    if (frame.MessageType == WebSocketMessageType.Close)
                        return new ConnectorRun(cursor.MaxTimeUs?.ToString(CultureInfo.InvariantCulture), received + await writer.CompleteAsync(), TimeSpan.FromSeconds(1));
                    message.Write(buffer, 0, frame.Count);
                    if (message.Length > MaxMessageBytes)
                        throw new ConnectorException($"a Jetstream message exceeded {MaxMessageBytes} bytes");
                }
                while (!frame.EndOfMessage);
                stalled.CancelAfter(stall);

                var parsed = Jetstream.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length), ++line);
                cursor = cursor.Observe(parsed.TimeUs);
                switch (parsed.Kind)
                {
                    case JetstreamMessageKind.PostCreated or JetstreamMessageKind.PostUpdated when parsed.Post is { } post:
                        matched.Clear();
                        matcher.Match(MatchInput.From(post), matched);
                        if (matched.Count > 0)
                            await writer.AddAsync(post, cancellationToken);
                        break;
                    case JetstreamMessageKind.PostDeleted when parsed.PostUri is { } uri:
                        await writer.DeleteAsync(uri, cancellationToken);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Stalled: reconnect from the cursor.
        }
        catch (WebSocketException error)
        {
            // The guard's words (refused, could not reach) rather than the socket's, which would tell port states apart.
            if (cursor.MaxTimeUs is null)
                throw new ConnectorException("Jetstream connection failed: " + ((error.InnerException as OutboundException)?.Message ?? error.Message));
        }
        received += await writer.CompleteAsync();
        return new ConnectorRun(cursor.MaxTimeUs?.ToString(CultureInfo.InvariantCulture), received, TimeSpan.FromSeconds(1));
    }
}
