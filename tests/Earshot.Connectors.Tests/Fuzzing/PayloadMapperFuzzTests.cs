using System.Text;
using System.Text.Json;
using CsCheck;
using Earshot.Connectors.Bluesky;
using Earshot.Connectors.Facebook;
using Earshot.Connectors.Mastodon;
using Earshot.Connectors.Reddit;
using Earshot.Connectors.Rss;
using Earshot.Connectors.X;
using Earshot.Core.Posts;
using Earshot.Fuzzing;

namespace Earshot.Connectors.Tests.Fuzzing;

/// <summary>
/// Every mapper of external payloads on the real fixtures, damaged: each maps the payload or rejects it with a reason
/// (an error value, or the JsonException its contract names), and never throws anything else.
/// </summary>
public sealed class PayloadMapperFuzzTests
{
    private const long Quick = 100;

    [Fact]
    public void MetaPush_DamagedDeliveries_MappedOrRefusedAsJson()
    {
        foreach (var file in new[] { "webhook_feed_batched_two_entries.json", "webhook_feed_comment_add.json", "webhook_feed_comment_edited.json",
            "webhook_feed_comment_emoji_escaped.json", "webhook_feed_comment_reply_to_comment.json", "webhook_feed_post_remove.json",
            "webhook_feed_status_add.json", "webhook_instagram_comment.json" })
        {
            Run(Fixtures.Text("facebook", file), body =>
            {
                try
                {
                    foreach (var entry in MetaPushMapper.Map(body))
                    {
                        foreach (var change in entry.Changes)
                            Assert.True(change.Action != MetaAction.Upsert || change.Post is not null, "an upsert carries its post");
                    }
                }
                catch (JsonException refused)
                {
                    Assert.False(string.IsNullOrWhiteSpace(refused.Message));
                }
                try
                {
                    MetaPushMapper.Accounts(Encoding.UTF8.GetBytes(body));
                }
                catch (JsonException)
                {
                }
            });
        }
    }

    [Fact]
    public void X_DamagedStreamLinesAndSearchPages_MappedOrErrors()
    {
        foreach (var line in Fixtures.Text("twitter", "filtered_stream.ndjson").Split('\n').Where(l => l.StartsWith('{')).Take(4))
            Run(line, text => Reasoned(XStreamReader.Classify(text, 5).Error));
        foreach (var file in new[] { "search_recent_page1.json", "search_recent_expanded.json", "error_partial_200.json" })
            Run(Fixtures.Text("twitter", file), text => XSearch.MapRecent(text).Errors.ToList().ForEach(Reasoned));
        Run(Fixtures.Text("twitter", "error_429_usage_capped.json"), text => XErrors.Classify(429, text));
    }

    [Fact]
    public void Mastodon_DamagedTimelinesSearchesAndStreamFrames_MappedOrErrors()
    {
        Run(Fixtures.Text("mastodon", "timeline_tag_hoot.json"), text => MastodonMapper.MapTimeline(text).Errors.ToList().ForEach(Reasoned));
        Run(Fixtures.Text("mastodon", "search_v2_response.json"), text => MastodonMapper.MapSearch(text).Errors.ToList().ForEach(Reasoned));
        Run(Fixtures.Text("mastodon", "status_entity_docs_example.json"), text =>
        {
            if (!MastodonMapper.TryMap(text, null, out _, out var error))
                Assert.False(string.IsNullOrWhiteSpace(error));
        });
        foreach (var frame in Fixtures.Text("mastodon", "streaming_websocket_frames.jsonl").Split('\n').Where(l => l.StartsWith('{')).Take(3))
            Run(frame, text => Reasoned(MastodonStreamReader.InterpretWebSocketFrame(text).Error));
        Run(Fixtures.Text("mastodon", "status_entity_docs_example.json"), text => Reasoned(MastodonStreamReader.Interpret("update", text, 3, null).Error));
    }

    [Fact]
    public void Bluesky_DamagedJetstreamEventsAndSearchPages_MappedOrErrors()
    {
        foreach (var line in Fixtures.Text("bluesky", "jetstream_v1_golden_kinds.jsonl").Split('\n').Where(l => l.StartsWith('{')).Take(6))
            Run(line, text => Reasoned(Jetstream.Parse(text, 9).Error));
        Run(Fixtures.Text("bluesky", "searchPosts_response.json"), text => BlueskySearch.Map(text).Errors.ToList().ForEach(Reasoned));
        Run(Fixtures.Text("bluesky", "xrpc_error_bad_query.json"), text => BlueskySearch.ReadError(text));
    }

    [Fact]
    public void Reddit_DamagedListings_MappedOrErrors()
    {
        foreach (var file in new[] { "listing_new_first_page_2016_trimmed.json", "listing_hot_2026_trimmed.json", "search_2016_trimmed.json" })
            Run(Fixtures.Text("reddit", file), text => RedditMapper.MapListing(text).Errors.ToList().ForEach(Reasoned));
        Run(Fixtures.Text("reddit", "error_403.json"), text => RedditResponses.Classify(403, text));
    }

    [Fact]
    public void Rss_DamagedFeeds_ParsedOrAFatalErrorWithAReason()
    {
        foreach (var file in new[] { "atom_rfc4287_brief.xml", "rss2_spec_sample_liftoff.xml" })
        {
            var feed = Fixtures.Text("rss", file);
            Fuzz.Check(Gen.Frequency((3, Hostile.Mutated(feed)), (1, Hostile.Text)).Select(Transported), text =>
            {
                if (!RssMapper.TryParse(text, null, out var page, out var error))
                    Assert.False(string.IsNullOrWhiteSpace(error));
                page.Errors.ToList().ForEach(Reasoned);
            }, Quick, print: Fuzz.Visible);
        }
    }

    [Fact]
    public void Intake_DamagedBatches_EveryItemStoredOrRefusedByField()
    {
        const string Batch = """[{"id": "f-1", "channel": "webchat", "author": "ana", "text": "My order never arrived", "created_at": "2026-01-05T10:00:00Z"}, {"id": 2, "channel": "api", "author": "bo", "text": "Thanks!", "author_followers": 5, "is_brand": false}]""";
        Run(Batch, body =>
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(Encoding.UTF8.GetBytes(body));
            }
            catch (JsonException)
            {
                return;
            }
            using (document)
            {
                var items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [document.RootElement];
                var (accepted, errors) = PostJson.ReadAll(items, indexed: true);
                Assert.All(errors, e => Assert.StartsWith("[", e.Key, StringComparison.Ordinal));
                Assert.All(errors.Values.SelectMany(m => m), m => Assert.False(string.IsNullOrWhiteSpace(m)));
                Assert.InRange(accepted.Count, items.Count - errors.Keys.Select(k => k[..(k.IndexOf(']', StringComparison.Ordinal) + 1)]).Distinct().Count(), items.Count);
            }
        });
    }

    /// <summary>Fuzzes a mapper with damaged versions of one real payload, as the transport hands them over.</summary>
    private static void Run(string payload, Action<string> map) =>
        Fuzz.Check(Hostile.Payload(payload).Select(Transported), map, Quick, print: Fuzz.Visible);

    // Mappers get text decoded from UTF-8 by the transport, where half a surrogate pair cannot occur (only its \u escape).
    private static string Transported(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static void Reasoned(Earshot.Connectors.Shared.ConnectorError? error)
    {
        if (error is not null)
            Assert.False(string.IsNullOrWhiteSpace(error.Message), $"an error without a reason: {error}");
    }
}
