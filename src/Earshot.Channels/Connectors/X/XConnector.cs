using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Earshot.Channels.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Channels.Connectors.X;

/// <summary>
/// X API v2: keeps the channel's filtered-stream rule in place (tagged with the channel id), fills the gap since the
/// newest stored post with recent search (`since_id`), then reads the filtered stream until X disconnects it or it
/// stalls (no data or keep-alive for 20 s). Failures wait as X documents: linear from 250 ms for network errors,
/// doubling from 5 s for HTTP errors, from 1 minute for 429. Post reads are counted, with their pay-per-use cost.
/// Settings: <c>{"base_url", "bearer_token" (protected), "rule", "user_token"? (protected, for replies)}</c>; the rule is X's own syntax.
/// </summary>
public sealed class XConnector(IHttpClientFactory http, SecretBox secrets) : IChannelConnector
{
    public const string HttpClientName = "earshot-x";
    /// <summary>Pay-per-use price of one post read (docs.x.com, 2026).</summary>
    public const decimal PostReadCost = 0.005m;
    /// <summary>Pay-per-use price of one reply to a post that summoned the account, the only replies X allows apps (2026).</summary>
    public const decimal PostReplyCost = 0.010m;
    private const string Fields = "tweet.fields=created_at,lang,author_id,conversation_id,referenced_tweets,edit_history_tweet_ids&expansions=author_id&user.fields=username,name,public_metrics";

    public ChannelKind Kind => ChannelKind.X;

    public IReadOnlyList<string> SecretFields => ["bearer_token", "user_token"];

    public IReadOnlyDictionary<string, string> Validate(JsonElement settings)
    {
        var errors = new Dictionary<string, string>();
        if (!settings.TryGetProperty("base_url", out var url) || url.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            errors["base_url"] = "must be an absolute http or https URL";
        if (!settings.TryGetProperty("bearer_token", out var token) || token.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(token.GetString()))
            errors["bearer_token"] = "an app-only bearer token is required";
        if (!settings.TryGetProperty("rule", out var rule) || rule.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(rule.GetString()))
            errors["rule"] = "a filtered-stream rule is required";
        else if (rule.GetString()!.Length > 1024)
            errors["rule"] = "X accepts rules of at most 1,024 characters";
        if (settings.TryGetProperty("user_token", out var user) && (user.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(user.GetString())))
            errors["user_token"] = "a user-context access token with tweet.write, or leave it out (replies are then recorded only)";
        return errors;
    }

    public async Task<ConnectorRun> RunOnceAsync(ConnectorContext context, CancellationToken cancellationToken)
    {
        var baseUrl = context.Settings.GetProperty("base_url").GetString()!.TrimEnd('/');
        var rule = context.Settings.GetProperty("rule").GetString()!;
        var client = http.CreateClient(HttpClientName);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secrets.Unprotect(context.Settings.GetProperty("bearer_token").GetString()!));
        var cursor = XCursor.Parse(context.Cursor);
        var received = 0;
        try
        {
            await SyncRuleAsync(client, baseUrl, rule, "earshot:" + context.ChannelId.ToString("N"), cancellationToken);

            if (cursor.SinceId is not null)
            {
                string? next = null;
                for (var page = 0; page < 10; page++)
                {
                    var url = $"{baseUrl}/2/tweets/search/recent?query={Uri.EscapeDataString(rule)}&since_id={cursor.SinceId}&max_results=100&{Fields}"
                              + (next is null ? "" : "&next_token=" + Uri.EscapeDataString(next));
                    using var response = await client.GetAsync(url, cancellationToken);
                    await ThrowOnFailureAsync(response, context.ConsecutiveFailures, cancellationToken);
                    var result = XSearch.MapRecent(await response.Content.ReadAsStringAsync(cancellationToken));
                    cursor = cursor with { Reads = cursor.Reads + result.Posts.Count, SinceId = page == 0 ? result.Meta.NewestId ?? cursor.SinceId : cursor.SinceId };
                    if (result.Posts.Count > 0)
                        received += Stored(await context.IngestAsync(result.Posts, cancellationToken));
                    next = result.Meta.NextToken;
                    if (next is null)
                        break;
                }
            }

            using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stalled.CancelAfter(Stall(context.Settings));
            using var stream = await client.GetAsync($"{baseUrl}/2/tweets/search/stream?{Fields}", HttpCompletionOption.ResponseHeadersRead, stalled.Token);
            await ThrowOnFailureAsync(stream, context.ConsecutiveFailures, cancellationToken);
            await using var body = await stream.Content.ReadAsStreamAsync(stalled.Token);
            await using var writer = new StreamIngest(context, cancellationToken);
            try
            {
                await foreach (var item in XStreamReader.ReadAsync(body, new XStreamOptions(), stalled.Token))
                {
                    stalled.CancelAfter(Stall(context.Settings)); // a keep-alive counts: X sends one every 20 s
                    if (item.Kind == XStreamItemKind.OperationalDisconnect)
                        break;
                    if (item.Post is { } post)
                    {
                        cursor = cursor with { Reads = cursor.Reads + 1, SinceId = Newest(cursor.SinceId, post.ExternalId) };
                        await writer.AddAsync(post, cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Stalled: reconnect; recent search fills what the stall hid.
            }
            received += await writer.CompleteAsync();
        }
        catch (HttpRequestException error)
        {
            throw new ConnectorException("network error: " + error.Message, XReconnect.Delay(XFailure.Network, context.ConsecutiveFailures + 1));
        }
        var cost = (cursor.Reads * PostReadCost).ToString("0.00", CultureInfo.InvariantCulture);
        return new ConnectorRun(cursor.ToString(), received, TimeSpan.FromMilliseconds(250), $"{cursor.Reads} post reads ≈ ${cost}");
    }

    /// <summary>What the replies sent so far cost, for the channel's health.</summary>
    public static string ReplySpend(long replies) => (replies * PostReplyCost).ToString("0.00", CultureInfo.InvariantCulture);

    private static TimeSpan Stall(JsonElement settings) =>
        TimeSpan.FromSeconds(settings.TryGetProperty("stall_seconds", out var seconds) ? seconds.GetInt32() : 20);

    /// <summary>One rule per channel, found again by its tag; a changed rule replaces the old one.</summary>
    private static async Task SyncRuleAsync(HttpClient client, string baseUrl, string rule, string tag, CancellationToken cancellationToken)
    {
        using var current = await client.GetAsync($"{baseUrl}/2/tweets/search/stream/rules", cancellationToken);
        await ThrowOnFailureAsync(current, 0, cancellationToken);
        using var json = JsonDocument.Parse(await current.Content.ReadAsStringAsync(cancellationToken));
        var ours = json.RootElement.TryGetProperty("data", out var data)
            ? data.EnumerateArray().Where(r => r.TryGetProperty("tag", out var t) && t.GetString() == tag)
                .Select(r => (Id: r.GetProperty("id").GetString()!, Value: r.GetProperty("value").GetString()!)).ToList()
            : [];
        if (ours.Any(r => r.Value == rule))
            return;
        if (ours.Count > 0)
        {
            using var delete = await client.PostAsJsonAsync($"{baseUrl}/2/tweets/search/stream/rules", new { delete = new { ids = ours.Select(r => r.Id) } }, cancellationToken);
            await ThrowOnFailureAsync(delete, 0, cancellationToken);
        }
        using var add = await client.PostAsJsonAsync($"{baseUrl}/2/tweets/search/stream/rules", new { add = new[] { new { value = rule, tag } } }, cancellationToken);
        await ThrowOnFailureAsync(add, 0, cancellationToken);
    }

    private static async Task ThrowOnFailureAsync(HttpResponseMessage response, int failures, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var error = XErrors.Classify((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        var wait = response.StatusCode == HttpStatusCode.TooManyRequests
            ? XReconnect.Delay(XFailure.RateLimited, failures + 1)
            : XReconnect.Delay(XFailure.Http, failures + 1);
        throw new ConnectorException($"X answered {(int)response.StatusCode}: {error.Message}", wait);
    }

    private static int Stored(IReadOnlyList<Storage.Ingest.IngestOutcome> outcomes) =>
        outcomes.Count(o => o.Status != Storage.Ingest.IngestStatus.Duplicate);

    private static string? Newest(string? current, string id) =>
        current is null || id.Length > current.Length || (id.Length == current.Length && string.CompareOrdinal(id, current) > 0) ? id : current;

    /// <summary>Where to resume (the newest post id) and how many posts were read, for the cost.</summary>
    private sealed record XCursor(string? SinceId, long Reads)
    {
        public static XCursor Parse(string? text)
        {
            if (string.IsNullOrEmpty(text))
                return new(null, 0);
            using var json = JsonDocument.Parse(text);
            return new(json.RootElement.TryGetProperty("since_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
                json.RootElement.TryGetProperty("reads", out var reads) ? reads.GetInt64() : 0);
        }

        public override string ToString() => JsonSerializer.Serialize(new { since_id = SinceId, reads = Reads });
    }
}
