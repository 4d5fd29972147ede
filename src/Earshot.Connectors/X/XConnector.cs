using Earshot.Core.Wording;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Earshot.Core.Posts;

namespace Earshot.Connectors.X;

/// <summary>
/// X API v2: keeps the app's filtered-stream rules in step with the workspace's topics (one rule per topic that X
/// can express, tagged with the channel and topic, plus the channel's own rule if it has one), connects the stream,
/// fills the gap since the newest stored post with recent search (<c>since_id</c>) while the stream's first posts
/// wait in the socket, then reads the stream until X disconnects it, it drops, or it stalls (no data or keep-alive
/// for 20 s). Failures wait as X documents: linear from 250 ms for network errors, doubling from 5 s for HTTP errors,
/// from 1 minute for 429. Post reads are counted, with their pay-per-use cost.
/// Settings include <c>"user_token"?</c> (protected, for replies).
/// </summary>
public sealed partial class XConnector(IHttpClientFactory http, SecretBox secrets, XConnectorOptions? options = null, TimeProvider? clock = null) : IChannelConnector
{
    public const string HttpClientName = "earshot-x";
    /// <summary>Pay-per-use price of one post read (docs.x.com, 2026).</summary>
    public const decimal PostReadCost = 0.005m;
    /// <summary>Pay-per-use price of one reply to a post that summoned the account, the only replies X allows apps (2026).</summary>
    public const decimal PostReplyCost = 0.010m;
    private const string Fields = "tweet.fields=created_at,lang,author_id,conversation_id,referenced_tweets,edit_history_tweet_ids&expansions=author_id&user.fields=username,name,public_metrics";

    private readonly XConnectorOptions _options = options ?? new XConnectorOptions();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public ChannelKind Kind => ChannelKind.X;

    public IReadOnlyList<string> SecretFields => ["bearer_token", "user_token"];

    public IReadOnlyDictionary<string, Phrase> Validate(JsonElement settings)
    {
        var errors = new Dictionary<string, Phrase>();
        if (!settings.TryGetProperty("base_url", out var url) || url.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            errors["base_url"] = new Phrase("must be an absolute http or https URL");
        if (!settings.TryGetProperty("bearer_token", out var token) || token.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(token.GetString()))
            errors["bearer_token"] = new Phrase("an app-only bearer token is required");
        var follows = !settings.TryGetProperty("follow_topics", out var follow) || follow.ValueKind != JsonValueKind.False;
        if (settings.TryGetProperty("follow_topics", out follow) && follow.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            errors["follow_topics"] = new Phrase("must be true or false");
        var hasRule = settings.TryGetProperty("rule", out var rule) && rule.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(rule.GetString());
        if (!hasRule && !follows)
            errors["rule"] = new Phrase("a filtered-stream rule is required when follow_topics is false");
        else if (hasRule && rule.GetString()!.Length > 1024)
            errors["rule"] = new Phrase("X accepts rules of at most 1,024 characters");
        if (settings.TryGetProperty("user_token", out var user) && (user.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(user.GetString())))
            errors["user_token"] = new Phrase("a user-context access token with tweet.write, or leave it out (replies are then recorded only)");
        foreach (var (name, max) in new[] { ("rule_max_length", 1024), ("search_query_max_length", 4096) })
        {
            if (settings.TryGetProperty(name, out var value) && (XSettings.Int(settings, name) is not { } n || n < 16 || n > max))
                errors[name] = new Phrase("must be a whole number from 16 to {0}", max);
        }
        return errors;
    }

    public async Task<ConnectorRun> RunOnceAsync(ConnectorContext context, CancellationToken cancellationToken)
    {
        var settings = XSettings.Read(context.Settings);
        var client = http.CreateClient(HttpClientName);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secrets.Unprotect(context.Settings.GetProperty("bearer_token").GetString()!));
        var run = new XRun(context, settings, client, XCursor.Parse(context.Cursor));
        try
        {
            var desired = await SyncRulesAsync(run, cancellationToken);
            if (desired.Count == 0)
                throw new ConnectorException("no X rules to stream: none of the workspace's topics can be expressed as an X rule and the channel has no rule of its own (earshot channels x-rules)", _options.NoRulesRetry);
            var healthy = await StreamAsync(run, desired, cancellationToken);
            if (!healthy)
                throw new ConnectorException("network error: the stream ended before anything arrived", XReconnect.Delay(XFailure.Network, context.ConsecutiveFailures + 1));
        }
        catch (HttpRequestException error)
        {
            throw new ConnectorException("network error: " + error.Message, XReconnect.Delay(XFailure.Network, context.ConsecutiveFailures + 1));
        }
        var cost = (run.Cursor.Reads * PostReadCost).ToString("0.00", CultureInfo.InvariantCulture);
        return new ConnectorRun(run.Cursor.ToString(), run.Received, _options.Reconnect, $"{run.Cursor.Reads} post reads ≈ ${cost}");
    }

    /// <summary>What the replies sent so far cost, for the channel's health.</summary>
    public static string ReplySpend(long replies) => (replies * PostReplyCost).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The rules the channel wants now: its own rule, and each topic's translation when it can be expressed.</summary>
    private static async Task<IReadOnlyList<XDesiredRule>> DesiredAsync(XRun run, CancellationToken cancellationToken)
    {
        var topics = run.Settings.FollowTopics && run.Context.TopicsAsync is { } load ? await load(cancellationToken) : [];
        return XRulePlanner.Desired(run.Context.ChannelId, run.Settings.Rule,
            topics.Select(t => (t.Id, XRuleTranslator.Translate(t.Query, run.Settings.Limits).Rule)));
    }

    private async Task<IReadOnlyList<XDesiredRule>> SyncRulesAsync(XRun run, CancellationToken cancellationToken)
    {
        var desired = await DesiredAsync(run, cancellationToken);
        var result = await XRuleSync.SyncAsync(run.Client, run.Settings.BaseUrl, run.Context.ChannelId, desired, cancellationToken);
        run.Cursor = run.Cursor with { Rejected = result.Rejected };
        run.LastRuleSync = _clock.GetTimestamp();
        return desired.Where(d => result.Rejected.All(r => r.Tag != d.Tag)).ToList();
    }

    /// <summary>
    /// Recent search with since_id for each packed query; the newest id seen moves the cursor once all are read.
    /// A gap deeper than <see cref="XConnectorOptions.MaxSearchPages"/> is remembered (since, until) and continued
    /// by the next runs with until_id, instead of being given up.
    /// </summary>
    private async Task BackfillAsync(XRun run, IReadOnlyList<XDesiredRule> rules, CancellationToken cancellationToken)
    {
        if (run.Cursor.SinceId is not { } since)
            return;
        var ranges = run.Cursor.Gaps.Select(g => (g.Since, (string?)g.Until)).Append((since, null)).ToList();
        string? newest = since;
        var gaps = new List<XGap>();
        foreach (var query in XSearchQueries.Pack(rules.Select(r => r.Value), run.Settings.SearchQueryMaxLength))
        {
            foreach (var (from, until) in ranges)
            {
                var (found, oldest, complete) = await SearchAsync(run, query, from, until, cancellationToken);
                if (found is not null)
                    newest = Newest(newest, found);
                if (!complete)
                    gaps.Add(new XGap(from, oldest!));
            }
        }
        run.Cursor = run.Cursor with { SinceId = Newest(run.Cursor.SinceId, newest!), Gaps = gaps.Distinct().ToList() };
    }

    /// <summary>Pages of one search, newest first; complete unless the page budget ran out first.</summary>
    private async Task<(string? Newest, string? Oldest, bool Complete)> SearchAsync(XRun run, string query, string since, string? until, CancellationToken cancellationToken)
    {
        string? next = null, newest = null, oldest = null;
        for (var page = 0; page < _options.MaxSearchPages; page++)
        {
            var url = $"{run.Settings.BaseUrl}/2/tweets/search/recent?query={Uri.EscapeDataString(query)}&since_id={since}&max_results=100&{Fields}"
                      + (until is null ? "" : "&until_id=" + until)
                      + (next is null ? "" : "&next_token=" + Uri.EscapeDataString(next));
            using var response = await run.Client.GetAsync(url, cancellationToken);
            await XHttp.ThrowOnFailureAsync(response, run.Context.ConsecutiveFailures, cancellationToken);
            var result = XSearch.MapRecent(await response.Content.ReadAsStringAsync(cancellationToken));
            run.Cursor = run.Cursor with { Reads = run.Cursor.Reads + result.Posts.Count };
            if (result.Posts.Count > 0)
                run.Received += Stored(await run.Context.IngestAsync(result.Posts, cancellationToken));
            if (result.Meta.NewestId is { } found)
                newest = Newest(newest, found);
            oldest = result.Meta.OldestId ?? oldest;
            next = result.Meta.NextToken;
            if (next is null)
                return (newest, oldest, true);
        }
        return (newest, oldest, oldest is null);
    }

    private static int Stored(IReadOnlyList<Storage.Ingest.IngestOutcome> outcomes) =>
        outcomes.Count(o => o.Status != Storage.Ingest.IngestStatus.Duplicate);

    /// <summary>X ids are decimal numbers that grow with time: longer is newer, then ordinal order.</summary>
    internal static string? Newest(string? current, string id) =>
        current is null || id.Length > current.Length || (id.Length == current.Length && string.CompareOrdinal(id, current) > 0) ? id : current;

    /// <summary>One run's state: what it has stored and where it would resume.</summary>
    private sealed class XRun(ConnectorContext context, XSettings settings, HttpClient client, XCursor cursor)
    {
        public ConnectorContext Context { get; } = context;
        public XSettings Settings { get; } = settings;
        public HttpClient Client { get; } = client;
        public XCursor Cursor { get; set; } = cursor;
        public int Received { get; set; }
        public long LastRuleSync { get; set; }
    }
}
