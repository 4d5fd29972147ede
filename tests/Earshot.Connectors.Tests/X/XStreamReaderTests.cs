using System.Text;
using Earshot.Connectors.X;
using Earshot.Core.Posts;
using Xunit;

namespace Earshot.Connectors.Tests.X;

public sealed class XStreamReaderTests
{
    private static readonly XStreamItemKind[] FixtureKinds =
    [
        XStreamItemKind.Post, XStreamItemKind.KeepAlive, XStreamItemKind.KeepAlive, XStreamItemKind.Post, XStreamItemKind.KeepAlive,
        XStreamItemKind.Post, XStreamItemKind.Post, XStreamItemKind.KeepAlive, XStreamItemKind.OperationalDisconnect,
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(100_000)]
    public async Task Read_FilteredStreamFixture_ClassifiedWhateverTheChunking(int chunk)
    {
        var bytes = await File.ReadAllBytesAsync(Fixtures.PathOf("twitter", "filtered_stream.ndjson"), TestContext.Current.CancellationToken);

        var items = await XStreamReader.ReadAsync(new TrickleStream(bytes, chunk), cancellationToken: TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal(FixtureKinds, items.Select(i => i.Kind));
        var first = items[0].Post!;
        Assert.Equal("1234567890", first.ExternalId);
        Assert.Equal(ChannelKind.X, first.Channel);
        Assert.Equal("catperson", first.Author);
        Assert.Equal("Look at this cute cat! 🐱", first.Text);
        Assert.Equal(new DateTime(2024, 1, 15, 10, 35, 0, DateTimeKind.Utc), first.CreatedAt);
        Assert.Equal("https://x.com/catperson/status/1234567890", first.Url);
        Assert.Equal("cats with images", Assert.Single(items[0].MatchingRules).Tag);
        Assert.Equal("Operational-disconnect".ToLowerInvariant(), items[^1].Problems[0].Title);
    }

    [Fact]
    public async Task Read_DuplicateAfterReconnect_SameExternalIdAndText()
    {
        await using var stream = Fixtures.Open("twitter", "filtered_stream.ndjson");

        var posts = (await XStreamReader.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken).ToListAsync())
            .Where(i => i.Kind == XStreamItemKind.Post).Select(i => i.Post!).ToList();

        Assert.Equal(4, posts.Count);
        Assert.Equal(posts[0], posts[3]);
        Assert.Equal(3, posts.Select(p => p.ExternalId).Distinct().Count());
    }

    [Fact]
    public async Task Read_EditedPostWithoutIncludes_AuthorUnknownEditOfOriginal()
    {
        await using var stream = Fixtures.Open("twitter", "filtered_stream.ndjson");

        var edited = (await XStreamReader.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken).ToListAsync())
            .Single(i => i.Post?.ExternalId == "1234567893");

        Assert.Equal("1234567890", edited.EditOf);
        Assert.Equal("unknown", edited.Post!.Author);
        Assert.Null(edited.Post.CreatedAt);
        Assert.Equal(2, edited.MatchingRules.Count);
    }

    [Fact]
    public async Task Read_OversizedAndBrokenLines_ErrorsAndFollowingLinesKept()
    {
        var wire = "{\"data\":{\"id\":\"1\",\"text\":\"" + new string('a', 300) + "\"}}\r\n{\"data\":{\"id\":\r\n\r\n[1]\r\n{\"data\":{\"id\":\"2\",\"text\":\"ok\",\"author_id\":\"7\"}}\r\n{\"data\":{\"id\":\"3\"";
        var options = new XStreamOptions { MaxLineBytes = 200 };

        var items = await XStreamReader.ReadAsync(TrickleStream.Of(wire, 17), options, TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal([XStreamItemKind.Error, XStreamItemKind.Error, XStreamItemKind.KeepAlive, XStreamItemKind.Error, XStreamItemKind.Post, XStreamItemKind.Error], items.Select(i => i.Kind));
        Assert.Contains("longer than 200 bytes", items[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(2, items[1].Error!.Line);
        Assert.Equal("7", items[4].Post!.Author);
        Assert.Contains("stream ended in the middle of line 6", items[5].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ConnectionReset_EndsWithErrorItem()
    {
        var stream = new FailingStream(Encoding.UTF8.GetBytes("\r\n"));

        var items = await XStreamReader.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal([XStreamItemKind.KeepAlive, XStreamItemKind.Error], items.Select(i => i.Kind));
    }

    [Fact]
    public void Classify_ReplyFromBrandWithUserMetrics_ThreadFollowersAndBrand()
    {
        const string line = """{"data":{"id":"9","text":"@ann sorry!","author_id":"42","lang":"en","referenced_tweets":[{"type":"quoted","id":"5"},{"type":"replied_to","id":"8"}]},"includes":{"users":[{"id":"42","username":"acme","name":"Acme Help","public_metrics":{"followers_count":1200}}]}}""";
        var options = new XMapperOptions { BrandUserIds = new HashSet<string>(["42"]) };

        var item = XStreamReader.Classify(line, 1, options);

        Assert.Equal("8", item.Post!.InReplyTo);
        Assert.Equal(1200, item.Post.AuthorFollowers);
        Assert.Equal("Acme Help", item.Post.AuthorDisplayName);
        Assert.Equal("en", item.Post.Language);
        Assert.True(item.Post.IsBrand);
    }
}
