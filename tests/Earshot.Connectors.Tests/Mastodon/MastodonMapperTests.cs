using Earshot.Connectors.Mastodon;
using Earshot.Core.Posts;
using Xunit;

namespace Earshot.Connectors.Tests.Mastodon;

public sealed class MastodonMapperTests
{
    [Fact]
    public void MapTimeline_HashtagFixture_GoldenPost()
    {
        var batch = MastodonMapper.MapTimeline(Fixtures.Text("mastodon", "timeline_tag_hoot.json"));

        Assert.Empty(batch.Errors);
        var post = Assert.Single(batch.Posts);
        Assert.Equal("http://localhost:3000/ap/users/117020566092212359/statuses/117020593741189701", post.ExternalId);
        Assert.Equal(ChannelKind.Mastodon, post.Channel);
        Assert.Equal("mastodonpy_test_2@localhost:3000", post.Author);
        Assert.Null(post.AuthorDisplayName);
        Assert.Equal(0, post.AuthorFollowers);
        Assert.Equal("http://localhost:3000/@mastodonpy_test_2", post.AuthorProfileUrl);
        Assert.Equal("#hoot (hashtag toot)", post.Text);
        Assert.Equal(new DateTime(2026, 8, 1, 13, 55, 55, 867, DateTimeKind.Utc), post.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, post.CreatedAt!.Value.Kind);
        Assert.Equal("http://localhost:3000/@mastodonpy_test_2/117020593741189701", post.Url);
        Assert.Null(post.InReplyTo);
        Assert.Equal("ja", post.Language);
        Assert.False(post.IsBrand);
        Assert.StartsWith("{\"id\":\"117020593741189701\"", post.RawPayload, StringComparison.Ordinal);
    }

    [Fact]
    public void TryMap_ReplyFromBrandAccount_ThreadMentionAndBrand()
    {
        var options = new MastodonMapperOptions { BrandAccounts = new HashSet<string>(["ADMIN@localhost:3000"], StringComparer.OrdinalIgnoreCase) };

        Assert.True(MastodonMapper.TryMap(Fixtures.Text("mastodon", "post_status_reply_response.json"), options, out var post, out var error), error);

        Assert.Equal("117020583245459824", post.InReplyTo);
        Assert.Equal("@mastodonpy_test_2 same!", post.Text);
        Assert.Equal("en", post.Language);
        Assert.True(post.IsBrand);
    }

    [Fact]
    public void TryMap_DocsExample_ShortenedLinkExpandedAndEntitiesDecoded()
    {
        Assert.True(MastodonMapper.TryMap(Fixtures.Text("mastodon", "status_entity_docs_example.json"), null, out var post, out var error), error);

        Assert.Equal("\"I lost my inheritance with one wrong digit on my sort code\"\n\nhttps://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code", post.Text);
        Assert.Equal("Gargron@mastodon.social", post.Author);
        Assert.Equal("Eugen", post.AuthorDisplayName);
        Assert.Equal(322930, post.AuthorFollowers);
    }

    [Fact]
    public void TryMap_SameStatusFromTwoServers_SameExternalId()
    {
        const string here = """{"id":"1","uri":"https://a.example/users/ann/statuses/9","content":"<p>hi</p>","account":{"acct":"ann@a.example"}}""";
        const string there = """{"id":"777","uri":"https://a.example/users/ann/statuses/9","content":"<p>hi</p>","account":{"acct":"ann@a.example"}}""";

        Assert.True(MastodonMapper.TryMap(here, null, out var first, out _));
        Assert.True(MastodonMapper.TryMap(there, null, out var second, out _));

        Assert.Equal(first.ExternalId, second.ExternalId);
        Assert.Equal("ann@a.example", second.Author);
    }

    [Fact]
    public void TryMap_BoostAndContentWarning_OriginalWithWarningFirst()
    {
        const string json = """{"id":"5","uri":"https://b.example/boost/5","account":{"acct":"bob"},"reblog":{"uri":"https://a.example/s/1","spoiler_text":"delays","content":"<p>train late</p>","language":null,"account":{"acct":"ann@a.example"}}}""";

        Assert.True(MastodonMapper.TryMap(json, null, out var post, out var error), error);

        Assert.Equal("https://a.example/s/1", post.ExternalId);
        Assert.Equal("delays\n\ntrain late", post.Text);
        Assert.Null(post.Language);
        Assert.Null(post.CreatedAt);
    }

    [Theory]
    [InlineData("""{"id":"1","content":"x","account":{"acct":"a"}}""", "has no uri")]
    [InlineData("""{"id":"1","uri":"u","content":"x"}""", "has no account")]
    [InlineData("""{"id":"1","uri":"u","created_at":"yesterday","account":{"acct":"a"}}""", "$.created_at")]
    [InlineData("""{"id":"1", "uri": """, "line 1")]
    public void TryMap_Malformed_PreciseError(string json, string expected)
    {
        Assert.False(MastodonMapper.TryMap(json, null, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void MapTimeline_OneBadItem_OthersKeptErrorNamesIndex()
    {
        const string json = """[{"uri":"u1","account":{"acct":"a"}},{"uri":"u2"},{"uri":"u3","account":{"acct":"c"}}]""";

        var batch = MastodonMapper.MapTimeline(json);

        Assert.Equal(["u1", "u3"], batch.Posts.Select(p => p.ExternalId));
        Assert.Equal("$[1].account", Assert.Single(batch.Errors).Path);
    }
}

public sealed class MastodonSearchTests
{
    [Theory]
    [InlineData("search_v2_response.json")]
    [InlineData("search_v2_statuses_empty.json")]
    public void MapSearch_RecordedResponses_NoStatusesNoErrors(string file)
    {
        var batch = MastodonMapper.MapSearch(Fixtures.Text("mastodon", file));

        Assert.Empty(batch.Posts);
        Assert.Empty(batch.Errors);
    }

    [Fact]
    public void MapSearch_StatusesAndNonObject_PostsAndPathedError()
    {
        var batch = MastodonMapper.MapSearch("""{"statuses":[{"uri":"u","account":{"acct":"a@b"}},"oops"]}""");

        Assert.Equal("u", Assert.Single(batch.Posts).ExternalId);
        Assert.StartsWith("$.statuses[1]", Assert.Single(batch.Errors).Path, StringComparison.Ordinal);
    }

    [Fact]
    public void MapSearch_NotASearchResponse_Error() =>
        Assert.Equal("$.statuses", Assert.Single(MastodonMapper.MapSearch("[]").Errors).Path);
}
