using System.Text.Json;
using Earshot.Core.Posts;

namespace Earshot.Core.Tests.Posts;

public sealed class PostJsonTests
{
    private static (IncomingPost? Post, IReadOnlyList<FieldError> Errors) Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return PostJson.Read(document.RootElement, json);
    }

    [Fact]
    public void Read_FullPost_MapsEveryField()
    {
        var (post, errors) = Read("""{"id": 570306133677760513, "channel": "Twitter", "author": "ann", "author_name": "Ann", "author_followers": 250, "text": "hi", "created_at": "2026-01-05T11:00:00+01:00", "url": "https://x.com/a/1", "in_reply_to": "9", "lang": "en", "is_brand": true, "extra": 1}""");

        Assert.Empty(errors);
        Assert.Equal("570306133677760513", post!.ExternalId);
        Assert.Equal(ChannelKind.X, post.Channel);
        Assert.Equal(250, post.AuthorFollowers);
        Assert.Equal(new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc), post.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, post.CreatedAt!.Value.Kind);
        Assert.True(post.IsBrand);
        Assert.Contains("\"extra\": 1", post.RawPayload, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"channel": "api", "author": "a", "text": "t"}""", "id", "'id' is required")]
    [InlineData("""{"id": "1", "author": "a", "text": "t"}""", "channel", "'channel' is required")]
    [InlineData("""{"id": "1", "channel": "fax", "author": "a", "text": "t"}""", "channel", "unknown channel 'fax'")]
    [InlineData("""{"id": "1", "channel": "api", "text": "t"}""", "author", "'author' is required")]
    [InlineData("""{"id": "1", "channel": "api", "author": "a"}""", "text", "'text' is required")]
    [InlineData("""{"id": "1", "channel": "api", "author": "a", "text": ""}""", "text", "'text' must not be empty")]
    [InlineData("""{"id": "1", "channel": "api", "author": "a", "text": 5}""", "text", "'text' must be a string, found a number")]
    [InlineData("""{"id": "1", "channel": "api", "author": "a", "text": "t", "author_followers": -1}""", "author_followers", "whole number")]
    [InlineData("""{"id": "1", "channel": "api", "author": "a", "text": "t", "created_at": "yesterday"}""", "created_at", "ISO 8601")]
    [InlineData("""{"id": "1", "channel": "api", "author": "a", "text": "t", "is_brand": "yes"}""", "is_brand", "true or false")]
    [InlineData("""["not", "an", "object"]""", "", "expected a JSON object, found an array")]
    public void Read_InvalidField_NamesTheFieldAndWhy(string json, string field, string message)
    {
        var (post, errors) = Read(json);

        Assert.Null(post);
        var error = Assert.Single(errors, e => e.Field == field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextOverTheLimit_IsRefused()
    {
        var (post, errors) = Read($$"""{"id": "1", "channel": "api", "author": "a", "text": "{{new string('x', PostJson.MaxTextLength + 1)}}"}""");

        Assert.Null(post);
        Assert.Contains("at most 100000", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2015-02-24 11:35:52 -0800", "2015-02-24T19:35:52Z")]
    [InlineData("Wed Oct 11 06:55:44 +0000 2017", "2017-10-11T06:55:44Z")]
    [InlineData("2026-01-05T10:00:00Z", "2026-01-05T10:00:00Z")]
    [InlineData("2026-01-05T10:00:00", "2026-01-05T10:00:00Z")]
    public void Timestamps_SourceFormats_BecomeUtc(string text, string expected)
    {
        Assert.True(Timestamps.TryParse(text, out var utc));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }
}
