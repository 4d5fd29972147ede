using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Earshot.Connectors.Shared;

namespace Earshot.Connectors.Reddit;

/// <summary>
/// OAuth tokens from Reddit's `/api/v1/access_token`, one cache per use (the listener's app-only token, the replies'
/// account token), each kept until shortly before it expires. A refused grant may come back inside a 200
/// (`{"error": "invalid_grant"}`) or as an HTML page; both become the reason in a <see cref="ConnectorException"/>.
/// </summary>
public sealed class RedditTokens(TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, (string Token, DateTimeOffset Expires)> _tokens = new();

    public void Forget(Guid channel) => _tokens.TryRemove(channel, out _);

    /// <param name="grant">The form: `grant_type=client_credentials`, or `password` with the account's username and password.</param>
    /// <param name="refused">Words for the refusal, given the reason ("Reddit refused the app's credentials (invalid_grant)").</param>
    public async Task<string> GetAsync(
        Guid channel, HttpClient client, Uri authUrl, string clientId, string clientSecret, IReadOnlyDictionary<string, string> grant,
        Func<string, string> refused, CancellationToken cancellationToken)
    {
        if (_tokens.TryGetValue(channel, out var cached) && cached.Expires > clock.GetUtcNow())
            return cached.Token;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(authUrl, "api/v1/access_token")) { Content = new FormUrlEncodedContent(grant) };
        request.Headers.TryAddWithoutValidation("User-Agent", RedditReplies.UserAgent);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? token = null;
        var lifetime = TimeSpan.FromHours(1);
        try
        {
            using var json = JsonDocument.Parse(body);
            token = json.RootElement.TryGetProperty("access_token", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (json.RootElement.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds))
                lifetime = TimeSpan.FromSeconds(seconds);
        }
        catch (JsonException)
        {
            // An HTML error page: reported below with the status.
        }
        if (!response.IsSuccessStatusCode || token is null)
            throw new ConnectorException(refused(RedditResponses.Classify((int)response.StatusCode, body).Message));
        _tokens[channel] = (token, clock.GetUtcNow() + lifetime - TimeSpan.FromMinutes(5));
        return token;
    }
}
