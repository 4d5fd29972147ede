using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Connectors.Replies;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Bluesky;

/// <summary>
/// Answers a post as the channel's account: logs in on its PDS with an app password
/// (`com.atproto.server.createSession`), then writes an `app.bsky.feed.post` record whose `reply` names the thread's
/// root and the post answered, both as strong refs (uri + cid) read from the stored payload. Sessions are kept per
/// channel (createSession is limited to 30 per 5 minutes); an ExpiredToken answer logs in again once.
/// Settings used: <c>{"pds_url"?, "identifier", "app_password" (protected)}</c>. Returns the new post's at:// uri.
/// </summary>
public sealed class BlueskyReplies(IHttpClientFactory http, SecretBox secrets, TimeProvider clock) : IReplySender
{
    public const string DefaultPdsUrl = "https://bsky.social";
    private readonly ConcurrentDictionary<Guid, Session> _sessions = new();

    private sealed record Session(string Did, string AccessJwt);

    public ChannelKind Kind => ChannelKind.Bluesky;

    public async Task<string?> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        var pds = reply.BaseUrl("pds_url", DefaultPdsUrl);
        var (root, parent) = ReplyRefs(reply.RawPayload, reply.InReplyToExternalId);
        var client = http.CreateClient(OutboundReplySettings.HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            var session = _sessions.TryGetValue(reply.ChannelId, out var cached) ? cached : await LoginAsync(client, pds, reply, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(pds, "xrpc/com.atproto.repo.createRecord"))
            {
                Content = JsonContent.Create(new Dictionary<string, object>
                {
                    ["repo"] = session.Did,
                    ["collection"] = "app.bsky.feed.post",
                    ["record"] = new Dictionary<string, object>
                    {
                        ["$type"] = "app.bsky.feed.post",
                        ["text"] = reply.Text,
                        ["createdAt"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                        ["reply"] = new { root, parent },
                    },
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessJwt);
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode && ReadJson(body)?.String("uri") is { } uri)
                return uri;
            var error = BlueskySearch.ReadError(body);
            if (error.Error is "ExpiredToken" or "InvalidToken" && attempt == 1)
            {
                _sessions.TryRemove(reply.ChannelId, out _);
                continue;
            }
            throw new ConnectorException($"Bluesky refused the reply ({(int)response.StatusCode} {error.Error}: {error.Message})");
        }
    }

    /// <summary>Strong refs of the thread's root and of the post answered; a post that is not itself a reply is its own root.</summary>
    public static (StrongRef Root, StrongRef Parent) ReplyRefs(string rawPayload, string postUri)
    {
        using var json = ReadJsonDocument(rawPayload);
        var top = json?.RootElement ?? default;
        // Jetstream keeps the record and cid under "commit"; a searchPosts view has them at the top with the uri.
        var holder = top.ValueKind == JsonValueKind.Object && top.TryGetProperty("commit", out var commit) ? commit : top;
        var cid = holder.String("cid") ?? throw new ConnectorException($"the stored post {postUri} has no cid; Bluesky needs it to thread a reply");
        var parent = new StrongRef(postUri, cid);
        var root = holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("record", out var record)
                   && record.TryGetProperty("reply", out var replyTo) && replyTo.TryGetProperty("root", out var threadRoot)
                   && threadRoot.String("uri") is { } rootUri && threadRoot.String("cid") is { } rootCid
            ? new StrongRef(rootUri, rootCid)
            : parent;
        return (root, parent);
    }

    private async Task<Session> LoginAsync(HttpClient client, Uri pds, OutboundReply reply, CancellationToken cancellationToken)
    {
        var identifier = reply.Setting("identifier") ?? throw new ConnectorException("the channel has no Bluesky identifier for replies; add the channel again with --identifier and --app-password");
        var password = reply.Secret(secrets, "app_password", "add the channel again with --identifier and --app-password");
        using var response = await client.PostAsJsonAsync(new Uri(pds, "xrpc/com.atproto.server.createSession"), new { identifier, password }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || ReadJson(body) is not { } session || session.String("did") is not { } did || session.String("accessJwt") is not { } access)
        {
            var error = BlueskySearch.ReadError(body);
            throw new ConnectorException($"Bluesky refused the channel's login ({(int)response.StatusCode} {error.Error}: {error.Message})");
        }
        return _sessions[reply.ChannelId] = new Session(did, access);
    }

    private static JsonElement? ReadJson(string body)
    {
        using var json = ReadJsonDocument(body);
        return json?.RootElement.Clone();
    }

    private static JsonDocument? ReadJsonDocument(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A record named by uri and content hash (com.atproto.repo.strongRef).</summary>
public sealed record StrongRef(string Uri, string Cid);
