using Earshot.Connectors.X;
using Xunit;

namespace Earshot.Connectors.Tests.X;

public sealed class XSearchTests
{
    [Fact]
    public void MapRecent_RecordedPage_TenPostsAndCursor()
    {
        var page = XSearch.MapRecent(Fixtures.Text("twitter", "search_recent_page1.json"));

        Assert.Empty(page.Errors);
        Assert.Equal(10, page.Posts.Count);
        Assert.Equal("1578516068309794817", page.Meta.NewestId);
        Assert.Equal("b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul", page.Meta.NextToken);
        Assert.Equal("2022-10-07 22:42:12.637103 tweepy", page.Posts[0].Text);
        Assert.Equal(("1578516068309794817", "unknown"), (page.Posts[0].ExternalId, page.Posts[0].Author));
    }

    [Fact]
    public void MapRecent_Expanded_AuthorFromIncludes()
    {
        var post = Assert.Single(XSearch.MapRecent(Fixtures.Text("twitter", "search_recent_expanded.json")).Posts);

        Assert.Equal("pythondev", post.Author);
        Assert.Equal(new DateTime(2024, 1, 15, 10, 30, 0, DateTimeKind.Utc), post.CreatedAt);
        Assert.Contains("\"public_metrics\"", post.RawPayload, StringComparison.Ordinal);
    }

    [Fact]
    public void MapRecent_NoDataKey_EmptyPageNoErrors()
    {
        var page = XSearch.MapRecent(Fixtures.Text("twitter", "search_recent_empty.json"));

        Assert.Empty(page.Posts);
        Assert.Empty(page.Errors);
        Assert.Equal(0, page.Meta.ResultCount);
        Assert.Null(page.Meta.NewestId);
    }

    [Fact]
    public void MapRecent_PartialErrorIn200_DataAndProblemBothKept()
    {
        var page = XSearch.MapRecent(Fixtures.Text("twitter", "error_partial_200.json"));

        Assert.Equal("123", Assert.Single(page.Posts).ExternalId);
        Assert.Equal("456", Assert.Single(page.Problems).ResourceId);
    }

    [Theory]
    [InlineData("""{"data":{"id":"1"}}""", "$.data")]
    [InlineData("""{"data":[{"id":"1"},{"text":"no id"}]}""", "$.data[1]")]
    [InlineData("""{"data":[{"id":1}]}""", "$.data[0].id")]
    public void MapRecent_Malformed_ErrorWithPath(string json, string path)
    {
        var page = XSearch.MapRecent(json);

        Assert.Contains(page.Errors, e => e.Path is not null && e.Path.StartsWith(path, StringComparison.Ordinal));
    }

    [Fact]
    public void MapRecent_NotJson_ErrorWithPosition()
    {
        var error = Assert.Single(XSearch.MapRecent("{\n  \"data\": [,]\n}").Errors);

        Assert.Equal(2, error.Line);
    }
}
