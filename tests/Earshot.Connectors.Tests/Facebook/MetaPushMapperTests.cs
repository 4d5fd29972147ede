using System.Text;
using Earshot.Connectors.Facebook;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;
using Xunit;

namespace Earshot.Connectors.Tests.Facebook;

/// <summary>Golden files: the Meta webhook fixtures in, the changes Earshot applies out.</summary>
public sealed class MetaPushMapperTests
{
    [Fact]
    public void Map_CommentAdd_TopLevelCommentOnThePost()
    {
        var entry = Assert.Single(MetaPushMapper.Map(Fixtures.Text("facebook", "webhook_feed_comment_add.json")));
        var change = Assert.Single(entry.Changes);

        Assert.Equal((ChannelKind.Facebook, "206070979425408"), (entry.Kind, entry.AccountId));
        Assert.Equal(MetaAction.Upsert, change.Action);
        var post = change.Post!;
        Assert.Equal("712750021053074_1063824911537852", post.ExternalId);
        Assert.Equal(ChannelKind.Facebook, post.Channel);
        Assert.Equal("24266381753005180", post.Author);
        Assert.Equal("Test Commenter", post.AuthorDisplayName);
        Assert.Equal("+1", post.Text);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1707211876), post.CreatedAt);
        Assert.Equal("206070979425408_712750021053074", post.InReplyTo);
        Assert.Null(post.Url);
        Assert.False(post.IsBrand);
        Assert.StartsWith("""{"value":{"from":{"id":"24266381753005180",""", post.RawPayload, StringComparison.Ordinal);
        Assert.EndsWith("\"field\":\"feed\"}", post.RawPayload, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_EmojiEscaped_DecodedText()
    {
        var post = MetaPushMapper.Map(Fixtures.Text("facebook", "webhook_feed_comment_emoji_escaped.json"))[0].Changes[0].Post!;

        Assert.Equal("\u2764\ufe0f", post.Text);
        Assert.Contains("\\u2764\\ufe0f", post.RawPayload, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ReplyByThePageItself_Ignored()
    {
        var change = MetaPushMapper.Map(Fixtures.Text("facebook", "webhook_feed_comment_reply_to_comment.json"))[0].Changes[0];

        Assert.Equal(MetaAction.Ignore, change.Action);
        Assert.Equal("written by the Page itself", change.Reason);
    }

    [Fact]
    public void Map_PageStatus_IgnoredAsThePagesOwn()
    {
        var change = MetaPushMapper.Map(Fixtures.Text("facebook", "webhook_feed_status_add.json"))[0].Changes[0];

        Assert.Equal(MetaAction.Ignore, change.Action);
    }

    [Theory]
    [InlineData("webhook_feed_comment_edited.json", MetaAction.Upsert, "139560936744456_139597043408045")]
    [InlineData("webhook_feed_comment_remove.json", MetaAction.Remove, "139560936744456_139597043408045")]
    [InlineData("webhook_feed_comment_hide.json", MetaAction.Hide, "331881159596299_1735528193537632")]
    [InlineData("webhook_feed_post_remove.json", MetaAction.Remove, "110322572167401_122141710964024251")]
    [InlineData("webhook_feed_reaction_add.json", MetaAction.Ignore, null)]
    public void Map_Verbs_ActionOnTheRightId(string file, MetaAction action, string? externalId)
    {
        var change = Assert.Single(Assert.Single(MetaPushMapper.Map(Fixtures.Text("facebook", file))).Changes);

        Assert.Equal((action, externalId), (change.Action, change.ExternalId));
    }

    [Fact]
    public void Map_Edited_CarriesTheNewText()
    {
        var post = MetaPushMapper.Map(Fixtures.Text("facebook", "webhook_feed_comment_edited.json"))[0].Changes[0].Post!;

        Assert.Equal(("139560936744123", "user", "Great"), (post.Author, post.AuthorDisplayName, post.Text));
        Assert.Equal("137542570280222_139560936744456", post.InReplyTo);
    }

    [Fact]
    public void Map_Unhide_Restores()
    {
        var body = Fixtures.Text("facebook", "webhook_feed_comment_hide.json").Replace("\"verb\":\"hide\"", "\"verb\":\"unhide\"", StringComparison.Ordinal);

        Assert.Equal(MetaAction.Unhide, MetaPushMapper.Map(body)[0].Changes[0].Action);
    }

    [Fact]
    public void Map_BatchedEntries_EachForItsPage()
    {
        var entries = MetaPushMapper.Map(Fixtures.Text("facebook", "webhook_feed_batched_two_entries.json"));

        Assert.Equal(["206070979425408", "103149398319188"], entries.Select(e => e.AccountId));
        Assert.Equal(["712750021053074_1063824911537852", "407298303721936_408074786977621"], entries.Select(e => e.Changes.Single().ExternalId));
    }

    [Fact]
    public void Map_InstagramComment_UsernameAndMedia()
    {
        var entry = Assert.Single(MetaPushMapper.Map(Fixtures.Text("facebook", "webhook_instagram_comment.json")));
        var post = entry.Changes.Single().Post!;

        Assert.Equal((ChannelKind.Instagram, "17841474524784050"), (entry.Kind, entry.AccountId));
        Assert.Equal("17919697626119712", post.ExternalId);
        Assert.Equal(ChannelKind.Instagram, post.Channel);
        Assert.Equal("example_commenter", post.Author);
        Assert.Equal("https://www.instagram.com/example_commenter", post.AuthorProfileUrl);
        Assert.Equal("@acme love this!", post.Text);
        Assert.Equal("18172143295349192", post.InReplyTo);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1755779280), post.CreatedAt);
    }

    [Fact]
    public void Accounts_NamesTheObjectAndEveryEntry()
    {
        var (kind, ids) = MetaPushMapper.Accounts(File.ReadAllBytes(Fixtures.PathOf("facebook", "webhook_feed_batched_two_entries.json")));

        Assert.Equal(ChannelKind.Facebook, kind);
        Assert.Equal(["206070979425408", "103149398319188"], ids);
    }

    [Theory]
    [InlineData("webhook_feed_comment_add")]
    [InlineData("webhook_feed_comment_emoji_escaped")]
    [InlineData("webhook_feed_batched_two_entries")]
    [InlineData("webhook_instagram_comment")]
    public void Signature_OfTheRawFixtureBytes_MatchesTheRecordedHeader(string fixture)
    {
        var body = File.ReadAllBytes(Fixtures.PathOf("facebook", fixture + ".json"));
        var header = Fixtures.Text("facebook", fixture + ".http").Split("\r\n")
            .Single(line => line.StartsWith("X-Hub-Signature-256:", StringComparison.Ordinal))["X-Hub-Signature-256:".Length..].Trim();

        Assert.True(HmacSignature.TryParse(header, out var claimed));
        Assert.True(HmacSignature.Matches("fixture-app-secret-do-not-use", [], body, claimed));
        Assert.False(HmacSignature.Matches("another-secret", [], body, claimed));
        Assert.Equal(header, HmacSignature.Compute("fixture-app-secret-do-not-use", [], body));
    }

    [Fact]
    public void Signature_OverReserialisedJson_DoesNotVerify()
    {
        var body = File.ReadAllBytes(Fixtures.PathOf("facebook", "webhook_feed_comment_emoji_escaped.json"));
        var reserialised = Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(body)!.ToJsonString(
            new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        HmacSignature.TryParse(HmacSignature.Compute("fixture-app-secret-do-not-use", [], body), out var claimed);

        // The same JSON with the emoji unescaped is different bytes: only the raw bytes verify.
        Assert.False(HmacSignature.Matches("fixture-app-secret-do-not-use", [], reserialised, claimed));
    }
}
