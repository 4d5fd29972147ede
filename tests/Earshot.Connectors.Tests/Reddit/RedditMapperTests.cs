using System.Text.Json;
using Earshot.Connectors.Reddit;
using Earshot.Core.Posts;
using Xunit;

namespace Earshot.Connectors.Tests.Reddit;

public sealed class RedditMapperTests
{
    [Fact]
    public void MapListing_Hot2026_GoldenItems()
    {
        var page = RedditMapper.MapListing(Fixtures.Text("reddit", "listing_hot_2026_trimmed.json"));

        Assert.Empty(page.Errors);
        Assert.Equal(("t3_1skg9z2", (string?)null), (page.After, page.Before));
        Assert.Equal(["t3_1skjxta", "t3_1sk894v", "t3_1skg9z2"], page.Items.Select(i => i.Fullname));

        var link = page.Items[0].Post;
        Assert.Equal("t3_1skjxta", link.ExternalId);
        Assert.Equal(ChannelKind.Reddit, link.Channel);
        Assert.Equal("airplane231", link.Author);
        Assert.StartsWith("Ulberg on Jiri showing mercy: “That’s bullshit", link.Text, StringComparison.Ordinal);
        Assert.EndsWith("\n\nhttps://x.com/arielhelwani/status/2043757261882044451\n\nhttps://streamable.com/ql7tuy", link.Text, StringComparison.Ordinal);
        Assert.Equal("https://www.reddit.com/r/MMA/comments/1skjxta/ulberg_on_jiri_showing_mercy_thats_bullshit_total/", link.Url);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1776105848), link.CreatedAt);
        Assert.Null(link.InReplyTo);
        Assert.Equal("MMA", page.Items[0].Subreddit);

        var self = page.Items[1].Post;
        Assert.Equal("Demon Slayer Infinity Castle Isn’t Available On Streaming Or Bluray 9 Months Later, And Isn’t In Theatres So It’s Not Available To Be Watched Anywhere\n\nThis is ridiculous the movie made $800 million as the highest grossing anime movie of all time with a budget of $20 million, what more could they want. Anyone who wants to watch it right now straight up can’t, it isn’t available in Blu-ray, Streaming, or Theatres", self.Text);

        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1776107401), page.Items[2].EditedAt);
        Assert.Null(page.Items[0].EditedAt);
    }

    [Fact]
    public void MapListing_PollBefore2016_FourNewerNoAnchors()
    {
        var page = RedditMapper.MapListing(Fixtures.Text("reddit", "listing_new_poll_before_2016.json"));

        Assert.Equal(4, page.Items.Count);
        Assert.Null(page.After);
        Assert.Null(page.Before);
    }

    [Fact]
    public void TryMap_CommentFromReplyResponse_ThreadAndBrand()
    {
        using var doc = JsonDocument.Parse(Fixtures.Text("reddit", "comment_reply_response.json"));
        var thing = doc.RootElement.GetProperty("json").GetProperty("data").GetProperty("things")[0];
        var options = new RedditMapperOptions { BrandUsers = new HashSet<string>(["<username>"], StringComparer.OrdinalIgnoreCase) };

        Assert.True(RedditMapper.TryMap(thing, options, out var item, out var error), error?.ToString());

        Assert.Equal("t1_d162ara", item.Post.ExternalId);
        Assert.Equal("Test reply", item.Post.Text);
        Assert.Equal("t3_4b1tfm", item.Post.InReplyTo);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1458423567), item.Post.CreatedAt);
        Assert.Null(item.Post.Url);
        Assert.True(item.Post.IsBrand);
    }

    [Fact]
    public void MapListing_DeletedAuthorAndBadChild_KeptAndReported()
    {
        const string json = """
            {"kind":"Listing","data":{"after":null,"before":null,"children":[
              {"kind":"t1","data":{"name":"t1_a","author":"[deleted]","body":"[removed]","created_utc":1.5,"parent_id":"t1_b"}},
              {"kind":"t1","data":{"name":"t1_c","created_utc":"yesterday"}},
              {"kind":"t5","data":{"name":"t5_sub"}},
              {"kind":"t3","data":{"id":"x"}}]}}
            """;

        var page = RedditMapper.MapListing(json);

        var deleted = Assert.Single(page.Items).Post;
        Assert.Equal(("[deleted]", "[removed]", "t1_b"), (deleted.Author, deleted.Text, deleted.InReplyTo));
        Assert.Null(deleted.AuthorProfileUrl);
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(1500), deleted.CreatedAt);
        Assert.Equal(["$.data.children[1].data.created_utc", "$.data.children[3].data.name"], page.Errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("""{"kind":"Listing","data":{"children":[]}}""", 0)]
    [InlineData("""{"json":{"errors":[]}}""", 1)]
    [InlineData("""{"kind":"Listing",""", 1)]
    public void MapListing_EmptyOrNotAListing_NoItems(string json, int errors)
    {
        var page = RedditMapper.MapListing(json);

        Assert.Empty(page.Items);
        Assert.Equal(errors, page.Errors.Count);
    }
}
