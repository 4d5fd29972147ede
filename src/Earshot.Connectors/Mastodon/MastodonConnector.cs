using Earshot.Core.Wording;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Mastodon;

/// <summary>
/// Listens to a hashtag on one Mastodon server: catches up over REST from the last status seen (`min_id`), then
/// follows the streaming API until it ends or stalls; the host reconnects at once and the next run catches up again,
/// so nothing between the last stored status and the reconnect is lost, and overlaps are stored once (by uri).
/// Settings: <c>{"base_url", "token" (protected), "hashtag", "streaming_url"?, "stall_seconds"?}</c>.
/// </summary>
public sealed class MastodonConnector(IHttpClientFactory http, SecretBox secrets, TimeProvider clock) : IChannelConnector
{
    // Per channel and across reconnects: a delete often follows its post by minutes, after a drop or two.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, HeardStatuses> _heard = new();

    public const string HttpClientName = "earshot-mastodon";
    private const int PageLimit = 40;
    private const int MaxCatchUpPages = 50;

    public ChannelKind Kind => ChannelKind.Mastodon;

    public IReadOnlyList<string> SecretFields => ["token"];

    public IReadOnlyDictionary<string, Phrase> Validate(JsonElement settings)
    {
        var errors = new Dictionary<string, Phrase>();
        if (!IsHttpUrl(settings, "base_url"))
            errors["base_url"] = new Phrase("the server's address must be an absolute http or https URL");
        if (!settings.TryGetProperty("token", out var token) || token.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(token.GetString()))
            errors["token"] = new Phrase("an access token with read:statuses is required");
        if (!settings.TryGetProperty("hashtag", out var tag) || tag.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(tag.GetString()) || tag.GetString()!.TrimStart('#').Any(c => !char.IsLetterOrDigit(c) && c != '_'))
            errors["hashtag"] = new Phrase("a hashtag of letters, digits and underscores is required");
        if (settings.TryGetProperty("query", out var query)
            && (query.ValueKind != JsonValueKind.String || Core.Topics.Query.QueryParser.Parse(query.GetString()!).Error is not null))
            errors["query"] = query.ValueKind == JsonValueKind.String && Core.Topics.Query.QueryParser.Parse(query.GetString()!).Error is { } error
                ? new Phrase("{0} at column {1}", error.Said, error.Column)
                : new Phrase("the query must be text");
        if (settings.TryGetProperty("streaming_url", out _) && !IsHttpUrl(settings, "streaming_url"))
            errors["streaming_url"] = new Phrase("the streaming address must be an absolute http or https URL");
        return errors;
    }

    public async Task<ConnectorRun> RunOnceAsync(ConnectorContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var baseUrl = new Uri(settings.GetProperty("base_url").GetString()!.TrimEnd('/') + "/");
        var streaming = settings.TryGetProperty("streaming_url", out var s) ? new Uri(s.GetString()!.TrimEnd('/') + "/") : baseUrl;
        var tag = settings.GetProperty("hashtag").GetString()!.TrimStart('#');
        var stall = TimeSpan.FromSeconds(settings.TryGetProperty("stall_seconds", out var st) ? st.GetInt32() : 60);
        var client = http.CreateClient(HttpClientName);
        var token = secrets.Unprotect(settings.GetProperty("token").GetString()!);
        var newest = context.Cursor;
        var received = 0;
        var keep = QueryFilter(settings);

        // Catch up first: whatever was posted while we were not streaming.
        for (var page = 0; page < MaxCatchUpPages; page++)
        {
            var url = new Uri(baseUrl, $"api/v1/timelines/tag/{Uri.EscapeDataString(tag)}?limit={PageLimit}" + (newest is null ? "" : $"&min_id={newest}"));
            using var request = Authorized(HttpMethod.Get, url, token);
            using var response = await client.SendAsync(request, cancellationToken);
            await ThrowOnFailureAsync(response, clock, cancellationToken);
            var json = await response.Content.ReadAsStringAsync(cancellationToken);
            var batch = MastodonMapper.MapTimeline(json);
            var ids = StatusIds(json);
            var wanted = batch.Posts.Where(keep).ToList();
            if (wanted.Count > 0)
                received += Stored(await context.IngestAsync(wanted, cancellationToken));
            if (ids.Count == 0)
                break;
            newest = Newest(newest, ids);
            if (context.Cursor is null)
                break; // first run: start from the newest page, not the whole history
        }

        // Then follow the stream until the server ends it or it stalls.
        using var streamRequest = Authorized(HttpMethod.Get, new Uri(streaming, $"api/v1/streaming/hashtag?tag={Uri.EscapeDataString(tag)}"), token);
        streamRequest.Headers.Accept.ParseAdd("text/event-stream");
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stalled.CancelAfter(stall);
        await using var writer = new StreamIngest(context, cancellationToken);
        var queued = 0;
        var heard = _heard.GetOrAdd(context.ChannelId, _ => new HeardStatuses());
        try
        {
            using var streamResponse = await client.SendAsync(streamRequest, HttpCompletionOption.ResponseHeadersRead, stalled.Token);
            await ThrowOnFailureAsync(streamResponse, clock, cancellationToken);
            await using var body = await streamResponse.Content.ReadAsStreamAsync(stalled.Token);
            await foreach (var item in MastodonStreamReader.ReadAsync(body, null, 1 << 20, stalled.Token))
            {
                stalled.CancelAfter(stall); // any line, heartbeats included, proves the stream is alive
                if (item.Post is { } post && item.Kind is MastodonStreamEventKind.Update or MastodonStreamEventKind.Edit)
                {
                    if (keep(post))
                    {
                        await writer.AddAsync(post, cancellationToken);
                        queued++;
                    }
                    if (item.StatusId is { } id)
                    {
                        newest = Newest(newest, [id]);
                        heard.Remember(id, post.ExternalId);
                    }
                }
                else if (item.Kind == MastodonStreamEventKind.Delete && item.DeletedStatusId is { } deleted && heard.UriOf(deleted) is { } uri)
                {
                    await writer.DeleteAsync(uri, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Stalled: no event or heartbeat for a while. Reconnecting is the cure; the catch-up covers the gap.
        }
        catch (HttpRequestException) when (received > 0 || queued > 0 || newest is not null)
        {
            // The connection dropped mid-stream: what arrived is stored; the next run reconnects and catches up.
        }
        received += await writer.CompleteAsync();
        return new ConnectorRun(newest, received, TimeSpan.FromSeconds(1));
    }

    /// <summary>The optional listening query narrows a busy hashtag to the posts worth storing.</summary>
    private static Func<IncomingPost, bool> QueryFilter(JsonElement settings)
    {
        if (!settings.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
            return _ => true;
        var matcher = new Core.Topics.Matching.TopicMatcher();
        if (matcher.AddOrUpdate(Guid.Empty, query.GetString()!) is { } error)
            throw new ConnectorException("the channel's query is invalid: " + error.Message + " at column " + error.Column);
        var matched = new List<Guid>();
        return post =>
        {
            matched.Clear();
            matcher.Match(Core.Topics.Matching.MatchInput.From(post), matched);
            return matched.Count > 0;
        };
    }

    internal static HttpRequestMessage Authorized(HttpMethod method, Uri url, string token)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    internal static async Task ThrowOnFailureAsync(HttpResponseMessage response, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = TryError(body) ?? response.ReasonPhrase;
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ConnectorException($"the server refused the token ({(int)response.StatusCode}: {message})"),
            HttpStatusCode.TooManyRequests => new ConnectorException("rate limited (429)", RetryAfter(response, clock)),
            _ => new ConnectorException($"the server answered {(int)response.StatusCode}: {message}"),
        };
    }

    // Mastodon's reset header is an ISO 8601 time.
    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock) =>
        response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
        && DateTimeOffset.TryParse(values.First(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var reset)
            ? reset - clock.GetUtcNow()
            : TimeSpan.FromMinutes(1);

    private static string? TryError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int Stored(IReadOnlyList<Storage.Ingest.IngestOutcome> outcomes) =>
        outcomes.Count(o => o.Status != Storage.Ingest.IngestStatus.Duplicate);

    private static List<string> StatusIds(string timelineJson)
    {
        using var json = JsonDocument.Parse(timelineJson);
        return json.RootElement.ValueKind == JsonValueKind.Array
            ? json.RootElement.EnumerateArray().Select(s => s.TryGetProperty("id", out var id) ? id.GetString() : null).OfType<string>().ToList()
            : [];
    }

    // Status ids are decimal snowflakes: a longer id is newer, equal lengths compare as text.
    private static string? Newest(string? current, IEnumerable<string> ids) =>
        ids.Append(current).OfType<string>()
            .OrderByDescending(id => id.Length).ThenByDescending(id => id, StringComparer.Ordinal).FirstOrDefault();

    private static bool IsHttpUrl(JsonElement settings, string name) =>
        settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
