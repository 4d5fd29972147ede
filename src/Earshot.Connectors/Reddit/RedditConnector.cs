using Earshot.Core.Wording;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Reddit;

/// <summary>
/// Polls a subreddit's newest posts, or a search, over Reddit's OAuth API (application-only token). It does not
/// page "before" an anchor post, which silently returns nothing once the anchor is deleted: it reads newest first
/// until it reaches posts older than the newest one it stored (minus an overlap), and storage drops the repeats.
/// Settings: <c>{"base_url", "auth_url", "client_id", "client_secret" (protected), "subreddit" | "query", "interval_seconds",
/// "username"? and "password"? (protected; a script app's account, for replies)}</c>.
/// </summary>
public sealed class RedditConnector(IHttpClientFactory http, SecretBox secrets, TimeProvider clock) : IChannelConnector
{
    public const string HttpClientName = "earshot-reddit";
    private const int MaxPages = 5;
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);
    private readonly RedditTokens _tokens = new(clock);

    public ChannelKind Kind => ChannelKind.Reddit;

    public IReadOnlyList<string> SecretFields => ["client_secret", "password"];

    public IReadOnlyDictionary<string, Phrase> Validate(JsonElement settings)
    {
        var errors = new Dictionary<string, Phrase>();
        foreach (var field in new[] { "base_url", "auth_url" })
        {
            if (!settings.TryGetProperty(field, out var url) || url.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                errors[field] = new Phrase("must be an absolute http or https URL");
        }
        foreach (var field in new[] { "client_id", "client_secret" })
        {
            if (!settings.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                errors[field] = new Phrase("is required (a Reddit script or web app's credentials)");
        }
        // A script app's account, for replies: both or neither.
        if (settings.TryGetProperty("username", out var user) != settings.TryGetProperty("password", out _))
            errors[user.ValueKind == JsonValueKind.Undefined ? "username" : "password"] = new Phrase("give the account's username and password together (a script app replies as that account)");
        var hasSubreddit = settings.TryGetProperty("subreddit", out var sub) && sub.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(sub.GetString());
        var hasQuery = settings.TryGetProperty("query", out var query) && query.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(query.GetString());
        if (hasSubreddit == hasQuery)
            errors["subreddit"] = new Phrase("give either a subreddit or a search query");
        else if (hasSubreddit && sub.GetString()!.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
            errors["subreddit"] = new Phrase("a subreddit name has letters, digits and underscores only (no r/)");
        return errors;
    }

    public async Task<ConnectorRun> RunOnceAsync(ConnectorContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var interval = TimeSpan.FromSeconds(settings.TryGetProperty("interval_seconds", out var seconds) ? seconds.GetInt32() : 120);
        var client = http.CreateClient(HttpClientName);
        var token = await TokenAsync(context.ChannelId, settings, client, cancellationToken);
        var since = DateTime.TryParse(context.Cursor, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var cursor)
            ? cursor - Overlap
            : (DateTime?)null;
        var newest = since is null ? (DateTime?)null : cursor;
        var received = 0;
        string? after = null;
        RateLimit? rateLimit = null;

        for (var page = 0; page < MaxPages; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, ListingUrl(settings, after));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var headers = HeaderBag.From(response.Headers.Concat(response.Content.Headers));
            rateLimit = RedditResponses.ParseRateLimit(headers, clock.GetUtcNow());
            if (!response.IsSuccessStatusCode)
            {
                if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                    _tokens.Forget(context.ChannelId);
                var error = RedditResponses.Classify((int)response.StatusCode, body, headers);
                throw new ConnectorException(error.Message, error.RetryAfter ?? rateLimit.RetryAfter);
            }
            var listing = RedditMapper.MapListing(body);
            if (listing.Items.Count == 0 && listing.Errors.Count > 0)
                throw new ConnectorException("Reddit answered 200 with an error: " + listing.Errors[0].Message);
            var fresh = listing.Items.Where(i => since is null || i.Post.CreatedAt is null || i.Post.CreatedAt >= since).ToList();
            if (fresh.Count > 0)
            {
                received += (await context.IngestAsync(fresh.Select(i => i.Post).ToList(), cancellationToken))
                    .Count(o => o.Status != Storage.Ingest.IngestStatus.Duplicate);
                newest = fresh.Select(i => i.Post.CreatedAt).OfType<DateTime>().Append(newest ?? DateTime.MinValue).Max();
            }
            // Stop at the first page that reaches what we already have (or on the first run: one page is the start).
            if (since is null || fresh.Count < listing.Items.Count || listing.After is null)
                break;
            after = listing.After;
        }
        var budget = rateLimit is { Remaining: { } remaining } ? string.Create(CultureInfo.InvariantCulture, $"{remaining:0} requests left") : null;
        var next = rateLimit is { Exhausted: true } ? rateLimit.WaitBeforeNextCall(clock.GetUtcNow()) : interval;
        return new ConnectorRun(newest?.ToString("O", CultureInfo.InvariantCulture), received, next, budget);
    }

    private static Uri ListingUrl(JsonElement settings, string? after)
    {
        var baseUrl = settings.GetProperty("base_url").GetString()!.TrimEnd('/');
        var page = after is null ? "" : "&after=" + Uri.EscapeDataString(after);
        return settings.TryGetProperty("subreddit", out var sub) && sub.ValueKind == JsonValueKind.String
            ? new Uri($"{baseUrl}/r/{sub.GetString()}/new?limit=100&raw_json=1{page}")
            : new Uri($"{baseUrl}/search?q={Uri.EscapeDataString(settings.GetProperty("query").GetString()!)}&sort=new&limit=100&raw_json=1{page}");
    }

    /// <summary>An application-only token (client credentials).</summary>
    private Task<string> TokenAsync(Guid channel, JsonElement settings, HttpClient client, CancellationToken cancellationToken) =>
        _tokens.GetAsync(channel, client, new Uri(settings.GetProperty("auth_url").GetString()!.TrimEnd('/') + "/"),
            settings.GetProperty("client_id").GetString()!, secrets.Unprotect(settings.GetProperty("client_secret").GetString()!),
            new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, reason => $"Reddit refused the app's credentials ({reason})", cancellationToken);
}
