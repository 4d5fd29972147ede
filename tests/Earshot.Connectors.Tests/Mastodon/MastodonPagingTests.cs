using Earshot.Connectors.Mastodon;
using Earshot.Connectors.Shared;
using Xunit;

namespace Earshot.Connectors.Tests.Mastodon;

public sealed class MastodonPagingTests
{
    [Fact]
    public void ParseLink_RecordedPage_NextMaxIdAndPrevMinId()
    {
        var headers = HeaderBag.Parse(Fixtures.Text("mastodon", "pagination_account_statuses_page1_headers.http"));

        var page = MastodonPaging.ParseLink(headers["link"]);

        Assert.Equal("117020580489281910", page.MaxId);
        Assert.Equal("117020580518794573", page.MinId);
        Assert.Equal("http://localhost:3000/api/v1/accounts/117020565966271181/statuses?limit=5&max_id=117020580489281910", page.Next!.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage; rel=next")]
    [InlineData("<not a url>; rel=\"next\"")]
    public void ParseLink_MissingOrBroken_NoPages(string? header)
    {
        var page = MastodonPaging.ParseLink(header);

        Assert.Null(page.Next);
        Assert.Null(page.MaxId);
    }

    [Fact]
    public void ParseRateLimit_IsoReset_Parsed()
    {
        var limit = MastodonPaging.ParseRateLimit(HeaderBag.Parse(Fixtures.Text("mastodon", "timeline_tag_hoot_headers.http")));

        Assert.Equal(300, limit.Limit);
        Assert.Equal(299, limit.Remaining);
        Assert.Equal(new DateTimeOffset(2026, 8, 1, 14, 0, 0, 70, TimeSpan.Zero).AddTicks(1440), limit.ResetAt);
    }
}
