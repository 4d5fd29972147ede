using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Earshot.Connectors.Replies;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Mastodon;

/// <summary>
/// Answers a status as the channel's account (`POST /api/v1/statuses` with `in_reply_to_id`). That id must be the
/// status's id on our own server, so a status from another server is first looked up there by its uri
/// (`/api/v2/search?resolve=true`). The Idempotency-Key is derived from the channel, the status and the text, so a
/// retried send of the same reply cannot post twice (Mastodon remembers keys for an hour).
/// Returns the new status's uri, the id our connector stores statuses under.
/// </summary>
public sealed class MastodonReplies(IHttpClientFactory http, SecretBox secrets, TimeProvider clock) : IReplySender
{
    public ChannelKind Kind => ChannelKind.Mastodon;

    public async Task<string?> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        var baseUrl = reply.BaseUrl("base_url");
        var token = reply.Secret(secrets, "token", "add the channel again with a token that has write:statuses");
        var client = http.CreateClient(OutboundReplySettings.HttpClientName);
        var statusId = await LocalStatusIdAsync(client, baseUrl, token, reply, cancellationToken);

        using var request = MastodonConnector.Authorized(HttpMethod.Post, new Uri(baseUrl, "api/v1/statuses"), token);
        request.Content = new FormUrlEncodedContent([
            new("status", WithMention(reply.Text, reply.AuthorHandle, baseUrl)),
            new("in_reply_to_id", statusId),
        ]);
        request.Headers.Add("Idempotency-Key", IdempotencyKey(reply));
        using var response = await client.SendAsync(request, cancellationToken);
        await MastodonConnector.ThrowOnFailureAsync(response, clock, cancellationToken);
        using var json = await ReadJsonAsync(response, cancellationToken);
        return json.RootElement.String("uri") ?? json.RootElement.String("id");
    }

    /// <summary>
    /// Mastodon convention: a reply names the person it answers, which also notifies them on their server. An account
    /// of our own server may already be named without its host.
    /// </summary>
    public static string WithMention(string text, string handle, Uri server)
    {
        // Handles are user@host; a port (test and private servers) is not part of a mention.
        var full = Regex.Replace(handle.TrimStart('@'), @":\d+$", "");
        var (user, host) = full.Split('@', 2) is [var u, var h] ? (u, h) : (full, server.Host);
        var named = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(word => word.TrimEnd(',', '.', '!', '?', ':', ';'))
            .Any(word => word.Equals("@" + full, StringComparison.OrdinalIgnoreCase)
                         || (word.Equals("@" + user, StringComparison.OrdinalIgnoreCase) && host.Equals(server.Host, StringComparison.OrdinalIgnoreCase)));
        return named ? text : $"@{full} {text}";
    }

    public static string IdempotencyKey(OutboundReply reply) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{reply.ChannelId:N}\n{reply.InReplyToExternalId}\n{reply.Text}")));

    /// <summary>
    /// The status's id on our server: the stored id when the status was written on our server (ids are per server),
    /// else whatever our server finds for its uri, fetching it from its home server if needed.
    /// </summary>
    private async Task<string> LocalStatusIdAsync(HttpClient client, Uri baseUrl, string token, OutboundReply reply, CancellationToken cancellationToken)
    {
        var (id, uri, url) = Identify(reply.RawPayload);
        uri ??= reply.InReplyToExternalId;
        if (id is not null && Uri.TryCreate(uri, UriKind.Absolute, out var home) && string.Equals(home.Authority, baseUrl.Authority, StringComparison.OrdinalIgnoreCase))
            return id;

        var search = new Uri(baseUrl, $"api/v2/search?q={Uri.EscapeDataString(uri)}&resolve=true&type=statuses&limit=1");
        using var request = MastodonConnector.Authorized(HttpMethod.Get, search, token);
        using var response = await client.SendAsync(request, cancellationToken);
        await MastodonConnector.ThrowOnFailureAsync(response, clock, cancellationToken);
        using var json = await ReadJsonAsync(response, cancellationToken);
        var found = json.RootElement.TryGetProperty("statuses", out var statuses) && statuses.ValueKind == JsonValueKind.Array
            ? statuses.EnumerateArray().FirstOrDefault(s => s.String("uri") == uri || (url is not null && s.String("url") == url))
            : default;
        return found.ValueKind == JsonValueKind.Object && found.String("id") is { } localId
            ? localId
            : throw new ConnectorException($"{baseUrl.Authority} could not find the post to answer ({uri}); it may have been deleted, or be private to its server");
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (JsonException)
        {
            throw new ConnectorException($"the server answered {(int)response.StatusCode} with something other than JSON (a proxy page?)");
        }
    }

    // A boost is stored as the boosted status (see MastodonMapper), so the reply goes to that one.
    private static (string? Id, string? Uri, string? Url) Identify(string raw)
    {
        try
        {
            using var json = JsonDocument.Parse(raw);
            var status = json.RootElement.TryGetProperty("reblog", out var boosted) && boosted.ValueKind == JsonValueKind.Object ? boosted : json.RootElement;
            return status.ValueKind == JsonValueKind.Object ? (status.String("id"), status.String("uri"), status.String("url")) : (null, null, null);
        }
        catch (JsonException)
        {
            return (null, null, null); // an imported post may carry no payload: its uri is enough to resolve
        }
    }
}
