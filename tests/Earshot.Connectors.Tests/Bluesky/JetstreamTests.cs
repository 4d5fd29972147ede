using Earshot.Connectors.Bluesky;
using Earshot.Core.Posts;
using Xunit;

namespace Earshot.Connectors.Tests.Bluesky;

public sealed class JetstreamTests
{
    [Fact]
    public async Task Read_GoldenKinds_OnlyThePostReplyMapped()
    {
        await using var stream = Fixtures.Open("bluesky", "jetstream_v1_golden_kinds.jsonl");

        var messages = await Jetstream.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal(10, messages.Count);
        Assert.DoesNotContain(messages, m => m.Kind == JetstreamMessageKind.Error);
        var created = Assert.Single(messages, m => m.Kind == JetstreamMessageKind.PostCreated);
        var post = created.Post!;
        Assert.Equal("at://did:plc:q235v55g5unth4zjjdpacfdr/app.bsky.feed.post/3mmoojp4cd223", post.ExternalId);
        Assert.Equal(ChannelKind.Bluesky, post.Channel);
        Assert.Equal("did:plc:q235v55g5unth4zjjdpacfdr", post.Author);
        Assert.Null(post.AuthorDisplayName);
        Assert.Equal("Try RSV for a good time !!", post.Text);
        Assert.Equal("at://did:plc:j76trmiofvaxxpvx2vnb2vwf/app.bsky.feed.post/3mmojbrjwbs26", post.InReplyTo);
        Assert.Equal("en", post.Language);
        Assert.Equal(new DateTime(2026, 5, 25, 14, 23, 28, 757, DateTimeKind.Utc), post.CreatedAt);
        Assert.Equal("https://bsky.app/profile/did:plc:q235v55g5unth4zjjdpacfdr/post/3mmoojp4cd223", post.Url);
        Assert.Equal(1779719009157119, created.TimeUs);
        Assert.Equal(["identity", "account"], messages.Where(m => m.EventKind is "identity" or "account").Select(m => m.EventKind!));
    }

    [Fact]
    public async Task Read_WantedPosts_CreatesDeleteAndMaxCursor()
    {
        await using var stream = Fixtures.Open("bluesky", "jetstream_v1_wanted_posts.jsonl");

        var messages = await Jetstream.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal(17, messages.Count(m => m.Kind == JetstreamMessageKind.PostCreated));
        var deleted = Assert.Single(messages, m => m.Kind == JetstreamMessageKind.PostDeleted);
        Assert.Equal("at://did:plc:4smmjsqf6l5jkzczvw6vsrqc/app.bsky.feed.post/3mpt73z3ejc2p", deleted.PostUri);
        Assert.Null(deleted.Post);
        var cursor = messages.Aggregate(new JetstreamCursor(), (c, m) => c.Observe(m.TimeUs));
        Assert.Equal(1783175888400999, cursor.MaxTimeUs);
        Assert.Equal(1783175888400999 - 5_000_000, cursor.ResumeAt(TimeSpan.FromSeconds(5)));
        Assert.NotEqual(messages.Select(m => m.TimeUs).Order(), messages.Select(m => m.TimeUs));
    }

    [Fact]
    public async Task Read_FirehoseCapture_ShortenedLinkExpandedPlusOffsetTime()
    {
        await using var stream = Fixtures.Open("bluesky", "jetstream_v1_firehose_capture_2026-07-04.jsonl");

        var posts = (await Jetstream.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken).ToListAsync())
            .Where(m => m.Post is not null).Select(m => m.Post!).ToList();

        Assert.Equal(17, posts.Count);
        Assert.Contains(posts, p => p.Text == "https://www.youtube.com/watch?v=V5lDo-jw8mA");
        var offsetTime = posts.Single(p => p.ExternalId.EndsWith("/3mptbyoigog2b", StringComparison.Ordinal));
        Assert.Equal(new DateTime(2026, 7, 4, 14, 38, 2, DateTimeKind.Utc), offsetTime.CreatedAt);
        Assert.Equal("en-US", offsetTime.Language);
        Assert.Contains(posts, p => p.Text.StartsWith("denikn.cz/2113523\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SameEventTwice_SamePost()
    {
        var line = File.ReadLines(Fixtures.PathOf("bluesky", "jetstream_v1_wanted_posts.jsonl")).First();

        Assert.Equal(Jetstream.Parse(line).Post, Jetstream.Parse(line).Post);
    }

    [Fact]
    public void Parse_BrandDidAndKnownHandle_BrandWithHandle()
    {
        var line = File.ReadLines(Fixtures.PathOf("bluesky", "jetstream_v1_golden_kinds.jsonl")).ElementAt(1);
        var options = new BlueskyMapperOptions
        {
            BrandDids = new HashSet<string>(["did:plc:q235v55g5unth4zjjdpacfdr"]),
            HandleOf = did => did == "did:plc:q235v55g5unth4zjjdpacfdr" ? "acme.example" : null,
        };

        var post = Jetstream.Parse(line, 2, options).Post!;

        Assert.True(post.IsBrand);
        Assert.Equal("acme.example", post.AuthorDisplayName);
        Assert.Equal("https://bsky.app/profile/acme.example/post/3mmoojp4cd223", post.Url);
    }

    [Theory]
    [InlineData("""{"did":"d","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"r"}}""", "has no record")]
    [InlineData("""{"did":"d","time_us":1,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"r","record":{"text":5}}}""", "$.text")]
    [InlineData("""{"did":"d","time_us":"soon","kind":"commit"}""", "$.time_us")]
    [InlineData("""{"$type":"error","error":"ConsumerTooSlow","message":"..."}""", "ConsumerTooSlow")]
    [InlineData("""{"did":"d","time_us":1,"kind":"commit","commit":{"operation":"merge","collection":"app.bsky.feed.post","rkey":"r"}}""", "unknown commit operation")]
    [InlineData("""[1,2]""", "expected an object")]
    [InlineData("""{"did":""", "line 7")]
    public void Parse_Malformed_ErrorNamesTheProblem(string json, string expected)
    {
        var message = Jetstream.Parse(json, 7);

        Assert.Equal(JetstreamMessageKind.Error, message.Kind);
        Assert.Contains(expected, message.Error!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RecordWithoutLangsOrText_EmptyTextNoLanguage()
    {
        const string json = """{"did":"did:plc:a","time_us":5,"kind":"commit","commit":{"rev":"1","operation":"create","collection":"app.bsky.feed.post","rkey":"k","record":{"createdAt":"not a date"}}}""";

        var post = Jetstream.Parse(json).Post!;

        Assert.Equal("", post.Text);
        Assert.Null(post.Language);
        Assert.Null(post.CreatedAt);
    }
}
