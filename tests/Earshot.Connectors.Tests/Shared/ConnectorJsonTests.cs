using Earshot.Connectors.Mastodon;
using Earshot.Connectors.Shared;

namespace Earshot.Connectors.Tests.Shared;

/// <summary>Parsing and binding in one pass reports each kind of bad document as an error, never as an exception.</summary>
public sealed class ConnectorJsonTests
{
    [Fact]
    public void TryDeserialize_AGoodDocument_BindsTheRecord()
    {
        Assert.True(ConnectorJson.TryDeserialize<MastodonStatus>("test", """{"uri":"u","in_reply_to_id":"7","account":{"acct":"a"}}""", ConnectorJson.SnakeCase, out var status, out var error, line: 3));

        Assert.Null(error);
        Assert.Equal(("u", "7", "a"), (status.Uri, status.InReplyToId, status.Account!.Acct));
    }

    [Fact]
    public void TryDeserialize_MalformedJson_NamesTheStreamLineAndTheColumn()
    {
        Assert.False(ConnectorJson.TryDeserialize<MastodonStatus>("test", """{"uri": "u", "id": }""", ConnectorJson.SnakeCase, out _, out var error, line: 12));

        Assert.Equal(12, error!.Line);
        Assert.Equal(20, error.Column);
        Assert.Equal("test", error.Source);
    }

    [Fact]
    public void TryDeserialize_AWrongType_NamesTheJsonPath()
    {
        Assert.False(ConnectorJson.TryDeserialize<MastodonStatus>("test", """{"uri":"u","account":{"acct":5}}""", ConnectorJson.SnakeCase, out _, out var error));

        Assert.Equal("$.account.acct", error!.Path);
    }

    [Theory]
    [InlineData("null", "expected an object, found null")]
    [InlineData("[1]", "could not be converted")]
    public void TryDeserialize_NotAnObject_IsAnError(string json, string message)
    {
        Assert.False(ConnectorJson.TryDeserialize<MastodonStatus>("test", json, ConnectorJson.SnakeCase, out _, out var error, line: 1));

        Assert.Contains(message, error!.Message, StringComparison.Ordinal);
    }
}
