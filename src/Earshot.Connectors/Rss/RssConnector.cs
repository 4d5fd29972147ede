using Earshot.Core.Wording;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Rss;

/// <summary>
/// Polls one RSS or Atom feed. Conditional GET (ETag / Last-Modified, kept as the channel's cursor) makes an
/// unchanged feed cost one 304; entries already stored are recognised by their id and not stored again.
/// Settings: <c>{"url": "https://…/feed.xml", "interval_seconds": 900, "is_brand": false}</c>.
/// </summary>
public sealed class RssConnector(IHttpClientFactory http, TimeProvider clock) : IChannelConnector
{
    public const string HttpClientName = "earshot-rss";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(15);
    private const int MaxFeedBytes = 16 * 1024 * 1024;

    public ChannelKind Kind => ChannelKind.Rss;

    public IReadOnlyDictionary<string, Phrase> Validate(JsonElement settings)
    {
        var errors = new Dictionary<string, Phrase>();
        if (!settings.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            errors["url"] = new Phrase("the feed's address must be an absolute http or https URL");
        if (settings.TryGetProperty("interval_seconds", out var interval)
            && (interval.ValueKind != JsonValueKind.Number || !interval.TryGetInt32(out var seconds) || seconds < 1 || seconds > 86_400))
            errors["interval_seconds"] = new Phrase("the polling interval must be from 1 to 86400 seconds");
        return errors;
    }

    public async Task<ConnectorRun> RunOnceAsync(ConnectorContext context, CancellationToken cancellationToken)
    {
        var url = context.Settings.GetProperty("url").GetString()!;
        var interval = context.Settings.TryGetProperty("interval_seconds", out var seconds) ? TimeSpan.FromSeconds(seconds.GetInt32()) : DefaultInterval;
        var isBrand = context.Settings.TryGetProperty("is_brand", out var brand) && brand.ValueKind == JsonValueKind.True;
        var cursor = FeedCursor.Parse(context.Cursor);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cursor.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            request.Headers.IfNoneMatch.Add(tag);
        if (cursor.LastModified is { } modified)
            request.Headers.IfModifiedSince = modified;
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

        if (response.StatusCode == HttpStatusCode.NotModified)
            return new ConnectorRun(context.Cursor, 0, interval);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            throw new ConnectorException($"the feed answered {(int)response.StatusCode}; waiting before the next try", RetryAfter(response));
        if (!response.IsSuccessStatusCode)
            throw new ConnectorException($"the feed answered {(int)response.StatusCode} {response.ReasonPhrase}");
        if (response.Content.Headers.ContentLength > MaxFeedBytes)
            throw new ConnectorException($"the feed is {response.Content.Headers.ContentLength} bytes; at most {MaxFeedBytes} are read");

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Charset(response), detectEncodingFromByteOrderMarks: true);
        var page = RssMapper.Parse(reader, new RssMapperOptions { IsBrandFeed = isBrand, MaxCharacters = MaxFeedBytes }, out var fatal);
        if (fatal is not null)
            throw new ConnectorException("the feed is not readable RSS or Atom: " + fatal);

        var outcomes = page.Posts.Count > 0 ? await context.IngestAsync(page.Posts, cancellationToken) : [];
        var received = outcomes.Count(o => o.Status != Storage.Ingest.IngestStatus.Duplicate);
        var next = new FeedCursor(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
        return new ConnectorRun(next.ToString(), received, interval);
    }

    private static Encoding Charset(HttpResponseMessage response)
    {
        try
        {
            return response.Content.Headers.ContentType?.CharSet is { Length: > 0 } charset
                ? Encoding.GetEncoding(charset.Trim('"'))
                : Encoding.UTF8;
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta
        ?? (response.Headers.RetryAfter?.Date is { } date ? date - clock.GetUtcNow() : null);

    /// <summary>The validators of the last fetched version, as the channel's cursor.</summary>
    private sealed record FeedCursor(string? ETag, DateTimeOffset? LastModified)
    {
        public static FeedCursor Parse(string? cursor)
        {
            if (string.IsNullOrEmpty(cursor))
                return new(null, null);
            using var json = JsonDocument.Parse(cursor);
            return new(
                json.RootElement.TryGetProperty("etag", out var etag) && etag.ValueKind == JsonValueKind.String ? etag.GetString() : null,
                json.RootElement.TryGetProperty("last_modified", out var modified) && modified.ValueKind == JsonValueKind.String
                    && modified.TryGetDateTimeOffset(out var at) ? at : null);
        }

        public override string ToString() => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["etag"] = ETag,
            ["last_modified"] = LastModified,
        });
    }
}
