using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Replies;
using Earshot.Connectors.X;
using Earshot.Engine.Cases;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Channels.ReplyTesting;

namespace Earshot.IntegrationTests.Channels;

/// <summary>Replies posted to a fake X API v2 on 127.0.0.1: the create-post shape, the 2026 reply restriction, no retries.</summary>
public sealed class XRepliesTests
{
    [Fact]
    public async Task Reply_PostsTheDocumentedShapeWithTheUserToken_ReturnsTheNewPostsId()
    {
        var (headers, _) = FakeNetwork.HttpFixture("twitter/create_post_response_201_headers.http");
        await using var x = await FakeNetwork.StartAsync(request =>
            new FakeAnswer(201, FakeNetwork.Fixture("twitter/create_post_response_201.json"), Headers: headers.Where(h => h.Key.StartsWith("x-rate", StringComparison.Ordinal) || h.Key == "location").ToDictionary()));

        var id = await new XReplies(Http(), Secrets).SendAsync(ReplyTo(x, "1234567890", "This is a reply!"), CancellationToken.None);

        Assert.Equal("1456012973835788293", id);
        var request = Assert.Single(x.Requests);
        Assert.Equal(("POST", "/2/tweets", "Bearer user-context-token"), (request.Method, request.Path, request.Header("Authorization")));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        // Byte-for-byte the documented request, once whitespace is set aside.
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(FakeNetwork.Fixture("twitter/create_reply_request.json")).RootElement), request.Body);
    }

    [Fact]
    public async Task Reply_ToAnAuthorWhoDidNotMentionTheBrand_PlainErrorAndExactlyOneRequest()
    {
        await using var x = await FakeNetwork.StartAsync(request =>
            new FakeAnswer(403, FakeNetwork.Fixture("twitter/error_403_reply_not_summoned.json"), "application/problem+json"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => new XReplies(Http(), Secrets).SendAsync(ReplyTo(x, "1234567890", "hi"), CancellationToken.None));

        Assert.StartsWith("X does not let apps reply to this author", error.Message, StringComparison.Ordinal);
        Assert.Contains("mentioned or quoted the brand", error.Message, StringComparison.Ordinal);
        Assert.Null(error.RetryAfter);
        Assert.Single(x.Requests);
    }

    [Fact]
    public async Task Reply_WhenTheMonthlyCapIsSpent_SaysSoWithoutRetrying()
    {
        await using var x = await FakeNetwork.StartAsync(request => new FakeAnswer(429, FakeNetwork.Fixture("twitter/error_429_usage_capped.json")));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => new XReplies(Http(), Secrets).SendAsync(ReplyTo(x, "1", "hi"), CancellationToken.None));

        Assert.Contains("monthly pay-per-use cap is spent", error.Message, StringComparison.Ordinal);
        Assert.Single(x.Requests);
    }

    [Fact]
    public async Task Reply_ChannelWithoutAUserToken_RefusedBeforeAnyRequest()
    {
        await using var x = await FakeNetwork.StartAsync(request => new FakeAnswer(500, "{}"));
        var reply = Reply(new() { ["base_url"] = x.Address.ToString(), ["bearer_token"] = "app-only", ["rule"] = "@brand" }, ["bearer_token"], "1", "someone", "hi", "{}");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => new XReplies(Http(), Secrets).SendAsync(reply, CancellationToken.None));

        Assert.Contains("--user-token", error.Message, StringComparison.Ordinal);
        Assert.Empty(x.Requests);
    }

    private static OutboundReply ReplyTo(FakeNetwork x, string tweetId, string text) =>
        Reply(new() { ["base_url"] = x.Address.ToString(), ["bearer_token"] = "app-only", ["rule"] = "@brand", ["user_token"] = "user-context-token" },
            ["bearer_token", "user_token"], tweetId, "someone", text, "{}");
}
