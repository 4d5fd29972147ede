using Earshot.Connectors.Bluesky;
using Xunit;

namespace Earshot.Connectors.Tests.Bluesky;

public sealed class BlueskyFacetsTests
{
    [Fact]
    public void Resolve_MentionAfterEmoji_ByteOffsetsMapToCharacters()
    {
        // "🐱 é " is 4 + 1 + 2 + 1 = 8 bytes but 5 UTF-16 chars; "@ann.bsky.social" follows.
        const string text = "🐱 é @ann.bsky.social hi";
        var facets = new[] { Facet(8, 24, new BlueskyFacetFeature { Type = "app.bsky.richtext.facet#mention", Did = "did:plc:ann" }) };

        var span = Assert.Single(BlueskyFacets.Resolve(text, facets, out var problems));

        Assert.Empty(problems);
        Assert.Equal((BlueskyFacetKind.Mention, "@ann.bsky.social", "did:plc:ann", 5), (span.Kind, span.Text, span.Value, span.Start));
    }

    [Theory]
    [InlineData(0, 99, "outside the text")]
    [InlineData(5, 3, "outside the text")]
    [InlineData(1, 4, "splits a UTF-8 character")]
    public void Resolve_BadRange_ReportedNotGuessed(int start, int end, string problem)
    {
        var facets = new[] { Facet(start, end, new BlueskyFacetFeature { Type = "app.bsky.richtext.facet#tag", Tag = "x" }) };

        Assert.Empty(BlueskyFacets.Resolve("🐱 hello", facets, out var problems));
        Assert.Contains(problem, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TagFromFixture_ByteRangeAfterEmojiAndNewlines()
    {
        const string text = "#HowToTellAiToShutUp!  \n\nThese days I was googling something about a band and weirdly ended up to read Radio TFSC started an #IndieRebellion 😂";
        var facets = new[] { Facet(125, 140, new BlueskyFacetFeature { Type = "app.bsky.richtext.facet#tag", Tag = "IndieRebellion" }) };

        Assert.Equal("#IndieRebellion", Assert.Single(BlueskyFacets.Resolve(text, facets, out _)).Text);
    }

    private static BlueskyFacet Facet(int start, int end, BlueskyFacetFeature feature) => new(new BlueskyByteSlice(start, end), [feature]);
}

public sealed class BlueskySearchTests
{
    [Fact]
    public void Map_SearchResponse_AuthorHandleAndCursor()
    {
        var page = BlueskySearch.Map(Fixtures.Text("bluesky", "searchPosts_response.json"));

        Assert.Empty(page.Errors);
        Assert.Equal(("25", 1), (page.Cursor, page.HitsTotal));
        var post = Assert.Single(page.Posts);
        Assert.Equal("at://did:plc:q235v55g5unth4zjjdpacfdr/app.bsky.feed.post/3mmoojp4cd223", post.ExternalId);
        Assert.Equal("did:plc:q235v55g5unth4zjjdpacfdr", post.Author);
        Assert.Equal("Example Author", post.AuthorDisplayName);
        Assert.Equal("https://bsky.app/profile/example-author.bsky.social/post/3mmoojp4cd223", post.Url);
        Assert.Equal("at://did:plc:j76trmiofvaxxpvx2vnb2vwf/app.bsky.feed.post/3mmojbrjwbs26", post.InReplyTo);
    }

    [Fact]
    public void Map_EmptyResponse_NoPostsNoCursor()
    {
        var page = BlueskySearch.Map(Fixtures.Text("bluesky", "searchPosts_empty_response.json"));

        Assert.Empty(page.Posts);
        Assert.Null(page.Cursor);
    }

    [Fact]
    public void Map_OneViewWithoutUri_ErrorWithIndexOthersKept()
    {
        const string json = """{"posts":[{"cid":"x","record":{"text":"a"}},{"uri":"at://did:plc:b/app.bsky.feed.post/2","record":{"text":"b"}}]}""";

        var page = BlueskySearch.Map(json);

        Assert.Equal("b", Assert.Single(page.Posts).Text);
        Assert.Equal("$.posts[0]", Assert.Single(page.Errors).Path);
    }

    [Theory]
    [InlineData("xrpc_error_429.json", "RateLimitExceeded")]
    [InlineData("xrpc_error_expired_token.json", "ExpiredToken")]
    public void ReadError_XrpcBody_Name(string file, string name) =>
        Assert.Equal(name, BlueskySearch.ReadError(Fixtures.Text("bluesky", file)).Error);

    [Fact]
    public void ReadError_PlainText_Message() =>
        Assert.Equal("Request forbidden by administrative rules.", BlueskySearch.ReadError("Request forbidden by administrative rules.\n").Message);
}
