using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Earshot.Connectors.Replies;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Reddit;

/// <summary>
/// Answers a post or comment (`POST /api/comment` with its fullname, `t3_…` or `t1_…`) as the channel's account.
/// The token is a script app's (password grant) when the channel has a username and password, else the app's own
/// (client credentials), kept until shortly before it expires. Reddit reports refusals inside a 200 (`json.errors`,
/// e.g. RATELIMIT) and may answer 429 with an HTML page; both become a plain message for the agent, not retried.
/// Returns the new comment's fullname (`t1_…`), the id the connector stores comments under.
/// </summary>
public sealed class RedditReplies(IHttpClientFactory http, SecretBox secrets, TimeProvider clock) : IReplySender
{
    /// <summary>Reddit asks every client for a unique, descriptive User-Agent.</summary>
    public const string UserAgent = "server:earshot:1.0 (self-hosted social listening)";
    private const string HowToAdd = "add the channel again with the app's credentials";
    private readonly RedditTokens _tokens = new(clock);

    public ChannelKind Kind => ChannelKind.Reddit;

    public async Task<string?> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        var thing = reply.InReplyToExternalId;
        if (!thing.StartsWith("t3_", StringComparison.Ordinal) && !thing.StartsWith("t1_", StringComparison.Ordinal))
            throw new ConnectorException($"{thing} is not a Reddit post or comment (t3_… or t1_…), so it cannot be answered on Reddit");
        var client = http.CreateClient(RedditConnector.HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            var token = await TokenAsync(client, reply, cancellationToken);
            using var request = Request(HttpMethod.Post, new Uri(reply.BaseUrl("base_url"), "api/comment?raw_json=1"), new Dictionary<string, string>
            {
                ["api_type"] = "json", ["thing_id"] = thing, ["text"] = reply.Text,
            });
            request.Headers.Authorization = new AuthenticationHeaderValue("bearer", token);
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            // An expired or revoked token posted nothing: one fresh token is worth a second try.
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                _tokens.Forget(reply.ChannelId);
                continue;
            }
            var error = RedditResponses.Classify((int)response.StatusCode, body, HeaderBag.From(response.Headers.Concat(response.Content.Headers)));
            if (error.IsError)
                throw new ConnectorException(Describe(error), error.RetryAfter);
            return CommentName(body) ?? throw new ConnectorException("Reddit accepted the reply but did not say which comment it made");
        }
    }

    private static string Describe(RedditError error) => error.Kind switch
    {
        RedditErrorKind.ActionRateLimited => "Reddit is limiting how often this account may comment: " + error.Message,
        RedditErrorKind.TooManyRequests => "Reddit is rate limiting the app (429 Too Many Requests)"
                                          + (error.RetryAfter is { } wait ? string.Create(CultureInfo.InvariantCulture, $"; try again in {wait.TotalSeconds:0} s") : ""),
        RedditErrorKind.Forbidden => "Reddit refused the reply (403): the thread may be locked or archived, or the account banned there",
        RedditErrorKind.Unauthorized => "Reddit refused the channel's credentials (401); " + HowToAdd,
        _ => "Reddit refused the reply: " + error.Message,
    };

    private static string? CommentName(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("json", out var wrapper) && wrapper.TryGetProperty("data", out var data)
                   && data.TryGetProperty("things", out var things) && things.ValueKind == JsonValueKind.Array && things.GetArrayLength() > 0
                   && things[0].TryGetProperty("data", out var comment)
                ? comment.String("name")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The account's token when the channel has a username and password (a script app), else the app's own.</summary>
    private Task<string> TokenAsync(HttpClient client, OutboundReply reply, CancellationToken cancellationToken)
    {
        var id = reply.Setting("client_id") ?? throw new ConnectorException("the channel has no client id; " + HowToAdd);
        var secret = reply.Secret(secrets, "client_secret", HowToAdd);
        var grant = reply.Setting("username") is { } username
            ? new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = username, ["password"] = reply.Secret(secrets, "password", HowToAdd) }
            : new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        return _tokens.GetAsync(reply.ChannelId, client, reply.BaseUrl("auth_url"), id, secret, grant,
            reason => $"Reddit refused the channel's credentials ({reason}); {HowToAdd}", cancellationToken);
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri url, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(method, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        return request;
    }
}
