using Earshot.Connectors.Shared;
using Xunit;

namespace Earshot.Connectors.Tests.Shared;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<p>Hello <b>world</b></p><p>Second</p>", "Hello world\n\nSecond")]
    [InlineData("line one<br>line two<br/>three", "line one\nline two\nthree")]
    [InlineData("<p>it&#39;s &amp; &quot;fine&quot;</p>", "it's & \"fine\"")]
    [InlineData("<a href=\"https://x.test/tags/hoot\" class=\"mention hashtag\">#<span>hoot</span></a> yes", "#hoot yes")]
    [InlineData("<span class=\"h-card\"><a href=\"https://x.test/@ann\" class=\"u-url mention\">@<span>ann</span></a></span> hi", "@ann hi")]
    [InlineData("see <a href=\"https://example.com/docs\">the docs</a>.", "see the docs (https://example.com/docs).")]
    [InlineData("<a href=\"https://example.com/a/very/long/path\">example.com/a/very/…</a>", "https://example.com/a/very/long/path")]
    [InlineData("a < b and <script>alert(1)</script>c", "a < b and c")]
    [InlineData("", "")]
    [InlineData("<p>unclosed <a href=x", "unclosed <a href=x")]
    public void ToPlainText_Fragment_ReadableText(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Fact]
    public void ToPlainText_MastodonShortenedLink_FullUrl()
    {
        const string html = "<p><a href=\"https://www.theguardian.com/money/2019/dec/07/x\" rel=\"nofollow\"><span class=\"invisible\">https://www.</span><span class=\"ellipsis\">theguardian.com/money/2019/dec</span><span class=\"invisible\">/07/x</span></a></p>";

        Assert.Equal("https://www.theguardian.com/money/2019/dec/07/x", HtmlText.ToPlainText(html));
    }
}
