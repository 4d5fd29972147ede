using Earshot.Core.Posts;

namespace Earshot.Core.Tests.Posts;

public sealed class StoredTextTests
{
    private const string Replaced = "\uFFFD";

    // Lone surrogates cannot travel in attribute arguments (metadata strings are UTF-8), so the cases are listed here.
    private static readonly (string Given, string Expected)[] Cases =
    [
        ("a\0b", "a" + Replaced + "b"),
        ("\0", Replaced),
        ("x\uD800y", "x" + Replaced + "y"),
        ("x\uDC00y", "x" + Replaced + "y"),
        ("end\uD83D", "end" + Replaced),
        ("\uDE00\uD83D", Replaced + Replaced),
        ("\uD83D\uD83D\uDE00", Replaced + "\uD83D\uDE00"),
        ("pair \uD83D\uDE00 then \0 then \uD800", "pair \uD83D\uDE00 then " + Replaced + " then " + Replaced),
    ];

    [Fact]
    public void Clean_ReplacesNulAndUnpairedSurrogates_KeepsPairs()
    {
        foreach (var (given, expected) in Cases)
            Assert.Equal(expected, StoredText.Clean(given));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("emoji 😀😀 and accents éü")]
    public void Clean_NothingToReplace_ReturnsTheSameInstance(string given) =>
        Assert.Same(given, StoredText.Clean(given));

    [Fact]
    public void IncomingPost_IsStorableWhateverItsSourceGave()
    {
        var post = new IncomingPost
        {
            ExternalId = "id\0", Channel = ChannelKind.Api, Author = "a\uD800", Text = "t\0", RawPayload = "{}", Url = "u\uDC00",
        };

        Assert.Equal(["id" + Replaced, "a" + Replaced, "t" + Replaced, "u" + Replaced], new[] { post.ExternalId, post.Author, post.Text, post.Url });
    }
}
