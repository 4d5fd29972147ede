using Earshot.Core.Topics.Matching;
using Xunit;

namespace Earshot.Core.Tests.Topics;

public sealed class SocialTokenizerTests
{
    private static string[] Folded(string text)
    {
        var buffer = SocialTokenizer.Tokenize(text);
        return Enumerable.Range(0, buffer.Count).Select(i => buffer.Folded(buffer.Tokens[i]).ToString()).ToArray();
    }

    [Theory]
    [InlineData("Hello, World!", "hello|world")]
    [InlineData("Crème Brûlée", "creme|brulee")]
    [InlineData("cafe\u0301", "cafe")]
    [InlineData("don't DON’T", "don't|don't")]
    [InlineData("'quoted'", "quoted")]
    [InlineData("wi-fi", "wi|fi")]
    [InlineData("1,000.50 3.5 v2", "1,000.50|3.5|v2")]
    [InlineData("#UnitedFail @Delta $AAPL $5", "#unitedfail|@delta|$aapl|5")]
    [InlineData("mail a@b.com", "mail|a|b|com")]
    [InlineData("x#y", "x|y")]
    [InlineData("@alice@mastodon.social.", "@alice@mastodon.social")]
    [InlineData("ok👍🏽👍!", "ok|👍|👍")]
    [InlineData("👩‍💻 coding", "👩‍💻|coding")]
    [InlineData("Go https://www.Example.com/A/?q=1. now", "go|example.com/a/?q=1|now")]
    [InlineData("東京 привет", "東京|привет")]
    [InlineData("snake_case", "snake_case")]
    public void Tokenize_SocialText_SplitsAndFolds(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), Folded(text));
    }

    [Fact]
    public void Tokenize_Tokens_PointAtOriginalText()
    {
        var text = "Hi #Café!";
        var buffer = SocialTokenizer.Tokenize(text);

        Assert.Equal(2, buffer.Count);
        Assert.Equal("#Café", text.Substring(buffer.Tokens[1].Start, buffer.Tokens[1].Length));
        Assert.Equal(TokenKind.Hashtag, buffer.Tokens[1].Kind);
    }
}
