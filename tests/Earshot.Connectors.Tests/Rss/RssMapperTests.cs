using Earshot.Connectors.Rss;
using Earshot.Core.Posts;
using Xunit;

namespace Earshot.Connectors.Tests.Rss;

public sealed class RssMapperTests
{
    [Fact]
    public void TryParse_Rss2Liftoff_GoldenItems()
    {
        Assert.True(RssMapper.TryParse(Fixtures.Text("rss", "rss2_spec_sample_liftoff.xml"), null, out var page, out var error), error);

        Assert.Equal("Liftoff News", page.Title);
        Assert.Empty(page.Errors);
        Assert.Equal(3, page.Posts.Count);
        var first = page.Posts[0];
        Assert.Equal("http://liftoff.msfc.nasa.gov/2003/06/03.html#item573", first.ExternalId);
        Assert.Equal(ChannelKind.Rss, first.Channel);
        Assert.Equal("Liftoff News", first.Author);
        Assert.Equal("Star City\n\nHow do Americans get ready to work with Russians aboard the International Space Station? They take a crash course in culture, language and protocol at Russia's Star City.", first.Text);
        Assert.Equal(new DateTime(2003, 6, 3, 9, 39, 21, DateTimeKind.Utc), first.CreatedAt);
        Assert.Equal("http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp", first.Url);
        Assert.Equal("en-us", first.Language);
        Assert.Null(first.InReplyTo);
        Assert.False(first.IsBrand);
        Assert.StartsWith("<item>\n      <title>Star City</title>", first.RawPayload, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_AtomRfc4287_GoldenEntry()
    {
        Assert.True(RssMapper.TryParse(Fixtures.Text("rss", "atom_rfc4287_brief.xml"), new RssMapperOptions { IsBrandFeed = true }, out var page, out var error), error);

        var post = Assert.Single(page.Posts);
        Assert.Equal("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", post.ExternalId);
        Assert.Equal("John Doe", post.Author);
        Assert.Equal("Atom-Powered Robots Run Amok\n\nSome text.", post.Text);
        Assert.Equal(new DateTime(2003, 12, 13, 18, 30, 2, DateTimeKind.Utc), post.CreatedAt);
        Assert.Equal("http://example.org/2003/12/13/atom03", post.Url);
        Assert.True(post.IsBrand);
    }

    [Fact]
    public void TryParse_MalformedXml_LineAndColumn()
    {
        const string xml = "<rss version=\"2.0\">\n  <channel>\n    <item><title>A & B</title></item>\n  </channel>\n</rss>";

        Assert.False(RssMapper.TryParse(xml, null, out var page, out var error));

        Assert.Empty(page.Posts);
        Assert.Contains("(line 3, column", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_OverLimit_RefusedNamingTheLimit()
    {
        var xml = "<rss><channel><item><description>" + new string('x', 5000) + "</description></item></channel></rss>";

        Assert.False(RssMapper.TryParse(xml, new RssMapperOptions { MaxCharacters = 1000 }, out _, out var error));

        Assert.Contains("MaxCharactersInDocument", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><body/></html>", "root element is <html>")]
    [InlineData("", "malformed XML")]
    [InlineData("<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><channel><item><title>&x;</title></item></channel></rss>", "line 1")]
    public void TryParse_NotAFeed_ClearError(string xml, string expected)
    {
        Assert.False(RssMapper.TryParse(xml, null, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ItemsMissingParts_FallbacksAndErrors()
    {
        const string xml = """
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
              <item><description><![CDATA[<p>Only <b>text</b>, no title</p>]]></description><dc:creator>Ann</dc:creator><pubDate>Sun, 19 May 2002 15:21 +0200</pubDate></item>
              <item><title>Dated badly</title><link>http://e.test/2</link><pubDate>someday</pubDate></item>
              <item></item>
            </channel></rss>
            """;

        Assert.True(RssMapper.TryParse(xml, null, out var page, out _));

        Assert.Equal(2, page.Posts.Count);
        Assert.Equal(("Only text, no title", "Ann"), (page.Posts[0].Text, page.Posts[0].Author));
        Assert.StartsWith("sha256:", page.Posts[0].ExternalId, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2002, 5, 19, 13, 21, 0, DateTimeKind.Utc), page.Posts[0].CreatedAt);
        Assert.Equal(("http://e.test/2", "unknown", (DateTime?)null), (page.Posts[1].ExternalId, page.Posts[1].Author, page.Posts[1].CreatedAt));
        Assert.Equal(2, page.Errors.Count);
        Assert.Equal(4, page.Errors[1].Line);
    }

    [Fact]
    public void TryParse_SameFeedTwice_SameIds()
    {
        var xml = Fixtures.Text("rss", "rss2_spec_sample_liftoff.xml");

        RssMapper.TryParse(xml, null, out var first, out _);
        RssMapper.TryParse(xml, null, out var second, out _);

        Assert.Equal(first.Posts.Select(p => p.ExternalId), second.Posts.Select(p => p.ExternalId));
    }

    [Fact]
    public void TryParse_AtomHtmlContentAndRelativeLink_TextAndAbsoluteUrl()
    {
        const string xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>T</title><link href="https://blog.test/"/>
              <entry><id>tag:1</id><title type="html">A &amp;lt;b&amp;gt; title</title><link rel="alternate" href="/posts/1"/>
                <content type="html">&lt;p&gt;Hello &lt;a href="https://x.test"&gt;there&lt;/a&gt;&lt;/p&gt;</content><updated>2024-05-01T10:00:00+02:00</updated></entry>
            </feed>
            """;

        Assert.True(RssMapper.TryParse(xml, null, out var page, out var error), error);

        var post = Assert.Single(page.Posts);
        Assert.Equal("A <b> title\n\nHello there (https://x.test)", post.Text);
        Assert.Equal("https://blog.test/posts/1", post.Url);
        Assert.Equal(("T", "de"), (post.Author, post.Language));
        Assert.Equal(new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc), post.CreatedAt);
    }
}

public sealed class Rfc822DateTests
{
    [Theory]
    [InlineData("Tue, 10 Jun 2003 04:00:00 GMT", 2003, 6, 10, 4, 0)]
    [InlineData("10 Jun 2003 04:00 EST", 2003, 6, 10, 9, 0)]
    [InlineData("Tue, 10 Jun 03 04:00:00 -0130", 2003, 6, 10, 5, 30)]
    [InlineData("2003-06-10T04:00:00Z", 2003, 6, 10, 4, 0)]
    public void TryParse_Variants_Utc(string text, int y, int mo, int d, int h, int mi)
    {
        Assert.True(Rfc822Date.TryParse(text, out var utc));

        Assert.Equal(new DateTime(y, mo, d, h, mi, 0, DateTimeKind.Utc), utc);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Tue, 99 Foo 2003")]
    public void TryParse_Garbage_False(string? text) => Assert.False(Rfc822Date.TryParse(text, out _));
}
