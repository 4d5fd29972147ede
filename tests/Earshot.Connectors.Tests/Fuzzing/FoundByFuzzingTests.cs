using System.Text;
using System.Text.Json;
using Earshot.Connectors.Facebook;
using Earshot.Connectors.Shared;
using Earshot.Connectors.X;

namespace Earshot.Connectors.Tests.Fuzzing;

/// <summary>The smallest inputs <see cref="PayloadMapperFuzzTests"/> found crashing a mapper, kept as plain tests.</summary>
public sealed class FoundByFuzzingTests
{
    // Seeds cxoMM48eluj5 (Meta), aWwMnyddltr1 (Bluesky), cCWVFiddh-L2 (Reddit): System.Text.Json throws
    // InvalidOperationException for the \u escape of half a surrogate pair.
    [Fact]
    public void String_EscapeOfHalfASurrogatePair_ReadAsTheReplacementCharacter()
    {
        using var document = JsonDocument.Parse("""{"kind": "a\udbffb\ud83d\ude00\\ud800\n"}""");

        Assert.Equal("a\uFFFDb😀\\ud800\n", document.RootElement.String("kind"));
    }

    [Fact]
    public void MetaPush_MessageWithHalfASurrogatePair_KeptWithTheReplacementCharacter()
    {
        var change = Assert.Single(Assert.Single(MetaPushMapper.Map(Delivery("""{"item": "comment", "verb": "add", "comment_id": "c1", "post_id": "p1", "from": {"id": "u\udc00"}, "message": "hi \ud800"}"""))).Changes);

        Assert.Equal(("hi \uFFFD", "u\uFFFD"), (change.Post!.Text, change.Post.Author));
    }

    // Seed ebVZpP2b6-02: a body that is JSON but not an object threw InvalidOperationException before the signature check.
    [Fact]
    public void MetaPush_Accounts_BodyThatIsNotAnObject_RefusedAsNotAMetaDelivery()
    {
        Assert.Throws<JsonException>(() => MetaPushMapper.Accounts("\"ex\""u8));
        Assert.Throws<JsonException>(() => MetaPushMapper.Map("\"ex\""));
    }

    [Fact]
    public void MetaPush_ChangeThatIsNotAnObject_Ignored()
    {
        var body = """{"object": "page", "entry": [{"id": "1", "time": 1, "changes": [7]}]}""";

        Assert.Equal(MetaAction.Ignore, Assert.Single(Assert.Single(MetaPushMapper.Map(body)).Changes).Action);
    }

    [Fact]
    public void MetaPush_CreatedTimePastTheYear9999_IsNoTime()
    {
        var change = Assert.Single(Assert.Single(MetaPushMapper.Map(Delivery("""{"item": "comment", "verb": "add", "comment_id": "c1", "post_id": "p1", "from": {"id": "u"}, "message": "hi", "created_time": 99999999999999}"""))).Changes);

        Assert.Null(change.Post!.CreatedAt);
    }

    private static string Delivery(string value) =>
        $$"""{"object": "page", "entry": [{"id": "page-1", "time": 1707211879, "changes": [{"field": "feed", "value": {{value}}}]}]}""";
}

/// <summary>X payloads with nulls where objects belong.</summary>
public sealed class XNullsFoundByFuzzingTests
{
    // Seed 0IvxQRyuvnq2: a null among the included users threw NullReferenceException.
    [Fact]
    public void Classify_NullAmongIncludedUsersAndReferencedTweets_MapsWithTheAuthorsId()
    {
        var item = XStreamReader.Classify("""{"data":{"id":"1","text":"hi","author_id":"9","referenced_tweets":[null]},"includes":{"users":[null]}}""", 1);

        Assert.Null(item.Error);
        Assert.Equal("9", item.Post!.Author);
    }

    [Fact]
    public void Classify_NullAmongErrors_IsAProblemNotAnException()
    {
        var item = XStreamReader.Classify("""{"errors":[null,{"title":"ConnectionException","type":"https://api.twitter.com/2/problems/operational-disconnect"}]}""", 1);

        Assert.Equal(XStreamItemKind.OperationalDisconnect, item.Kind);
    }
}
