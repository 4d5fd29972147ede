using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Connectors.Replies;
using Earshot.Core.Posts;

namespace Earshot.Connectors.X;

/// <summary>
/// Answers a post through X API v2 (`POST /2/tweets` with `reply.in_reply_to_tweet_id`) with the channel's
/// user-context token; the app-only bearer token that reads the stream cannot post. Sent once, never retried here:
/// since 2026-02-23 X refuses (403) replies to authors who did not mention or quote the brand, and a retry would only
/// be refused again; a network error may hide a posted reply. Each reply is billed (<see cref="XConnector.PostReplyCost"/>).
/// Returns the new post's id.
/// </summary>
public sealed class XReplies(IHttpClientFactory http, SecretBox secrets) : IReplySender
{
    public ChannelKind Kind => ChannelKind.X;

    public async Task<string?> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        var baseUrl = reply.BaseUrl("base_url");
        var token = reply.Secret(secrets, "user_token", "add the channel again with --user-token (an OAuth 2.0 user token with tweet.write)");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "2/tweets"))
        {
            Content = JsonContent.Create(new { text = reply.Text, reply = new { in_reply_to_tweet_id = reply.InReplyToExternalId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.CreateClient(OutboundReplySettings.HttpClientName).SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
            return CreatedId(body); // posted even when the id is unreadable: reporting a failure would invite a second copy

        var error = XErrors.Classify((int)response.StatusCode, body);
        throw new ConnectorException(error.Kind switch
        {
            XErrorKind.ReplyNotSummoned =>
                "X does not let apps reply to this author: since February 2026 an app may only answer people who mentioned or quoted the brand's account. Answer from the X app instead, or ask the customer to mention the brand.",
            XErrorKind.UsageCapExceeded => "the X account's monthly pay-per-use cap is spent; replies go out again when it resets",
            XErrorKind.Unauthorized => "X refused the channel's user token (401); add the channel again with a fresh --user-token",
            _ => $"X answered {(int)response.StatusCode}: {error.Message}",
        });
    }

    private static string? CreatedId(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
