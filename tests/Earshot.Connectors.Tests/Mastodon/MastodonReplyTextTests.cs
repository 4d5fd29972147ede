using Earshot.Connectors.Mastodon;
using Earshot.Connectors.Replies;
using Xunit;

namespace Earshot.Connectors.Tests.Mastodon;

public sealed class MastodonReplyTextTests
{
    private static readonly Uri Ours = new("https://brand.social/");

    [Theory]
    [InlineData("ana@other.example", "Sorry!", "@ana@other.example Sorry!")]
    [InlineData("ana@other.example", "@ana@other.example, sorry!", "@ana@other.example, sorry!")]
    [InlineData("ana@other.example", "@ANA@other.example sorry", "@ANA@other.example sorry")]
    [InlineData("ana@other.example", "@ana sorry", "@ana@other.example @ana sorry")] // "@ana" alone would name an account on our server
    [InlineData("ana@brand.social", "@ana sorry", "@ana sorry")]
    [InlineData("ana@localhost:3000", "hi", "@ana@localhost hi")]
    [InlineData("anabel@other.example", "@ana@other.example hi", "@anabel@other.example @ana@other.example hi")]
    public void WithMention_NamesTheAuthorUnlessAlreadyNamed(string handle, string text, string expected) =>
        Assert.Equal(expected, MastodonReplies.WithMention(text, handle, Ours));

    [Fact]
    public void IdempotencyKey_SameReplySameKey_OtherTextOrStatusOtherKey()
    {
        var channel = Guid.CreateVersion7();
        OutboundReply Reply(string status, string text) => new(channel, default, status, null, "ana@other.example", text, "{}");

        var key = MastodonReplies.IdempotencyKey(Reply("https://other.example/statuses/1", "Sorry!"));

        Assert.Equal(key, MastodonReplies.IdempotencyKey(Reply("https://other.example/statuses/1", "Sorry!")));
        Assert.NotEqual(key, MastodonReplies.IdempotencyKey(Reply("https://other.example/statuses/1", "Sorry!!")));
        Assert.NotEqual(key, MastodonReplies.IdempotencyKey(Reply("https://other.example/statuses/2", "Sorry!")));
    }
}
