using System.Text;
using Earshot.Connectors;
using Earshot.Connectors.Reddit;
using Earshot.Connectors.Replies;
using Earshot.Engine.Cases;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Channels.ReplyTesting;

namespace Earshot.IntegrationTests.Channels;

/// <summary>Replies posted to a fake Reddit (token endpoint and OAuth API) on 127.0.0.1, with errors inside a 200 and an HTML 429.</summary>
public sealed class RedditRepliesTests
{
    private static string Token => FakeNetwork.Fixture("reddit/access_token_response_2026.json");
    private readonly Guid _channel = Guid.CreateVersion7();

    [Fact]
    public async Task Reply_ScriptAppToken_ThenCommentWithFullnameAndUserAgent_ReturnsTheCommentsFullname()
    {
        await using var reddit = await FakeNetwork.StartAsync(request => request.Path switch
        {
            "/api/v1/access_token" => new FakeAnswer(200, Token),
            "/api/comment" => new FakeAnswer(200, FakeNetwork.Fixture("reddit/comment_reply_response.json")),
            _ => new FakeAnswer(404, """{"message": "Not Found", "error": 404}"""),
        });
        var sender = new RedditReplies(Http(), Secrets, TimeProvider.System);

        var id = await sender.SendAsync(ReplyTo(reddit, "t3_4b1tfm", "Test reply"), CancellationToken.None);
        await sender.SendAsync(ReplyTo(reddit, "t3_4b1tfm", "Test reply"), CancellationToken.None);

        Assert.Equal("t1_d162ara", id);
        var token = reddit.Requests[0];
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("app-id:app-secret")), token.Header("Authorization"));
        Assert.Equal(("password", "brand_care", "hunter2"), (token.Form()["grant_type"], token.Form()["username"], token.Form()["password"]));
        var comment = reddit.Requests[1];
        Assert.Equal(("POST", "/api/comment", "?raw_json=1", "bearer <ACCESS_TOKEN>"), (comment.Method, comment.Path, comment.Query, comment.Header("Authorization")));
        Assert.Equal(RedditReplies.UserAgent, comment.Header("User-Agent"));
        // The recorded request's fields, and nothing else.
        var recorded = new ReceivedRequest("POST", "", "", new Dictionary<string, string>(), FakeNetwork.HttpFixture("reddit/comment_reply_request.http").Body.Trim()).Form();
        Assert.Equal(recorded.OrderBy(f => f.Key, StringComparer.Ordinal), comment.Form().OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Single(reddit.Requests, r => r.Path == "/api/v1/access_token"); // the token is kept
    }

    [Fact]
    public async Task Reply_RateLimitErrorInsideA200_ClearErrorNotRetried()
    {
        await using var reddit = await FakeNetwork.StartAsync(request => request.Path == "/api/v1/access_token"
            ? new FakeAnswer(200, Token)
            : new FakeAnswer(200, FakeNetwork.Fixture("reddit/comment_reply_ratelimit_error.json")));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            new RedditReplies(Http(), Secrets, TimeProvider.System).SendAsync(ReplyTo(reddit, "t1_d162ara", "again"), CancellationToken.None));

        Assert.Equal("Reddit is limiting how often this account may comment: RATELIMIT: Looks like you've been doing that a lot. Take a break for 2 minutes before trying again.", error.Message);
        Assert.Equal(TimeSpan.FromMinutes(2), error.RetryAfter);
        Assert.Single(reddit.Requests, r => r.Path == "/api/comment");
    }

    [Fact]
    public async Task Reply_HtmlTooManyRequests_ClearErrorWithTheWait()
    {
        var (headers, body) = FakeNetwork.HttpFixture("reddit/error_429_html_headers.http");
        await using var reddit = await FakeNetwork.StartAsync(request => request.Path == "/api/v1/access_token"
            ? new FakeAnswer(200, Token)
            : new FakeAnswer(429, body, headers["content-type"], new Dictionary<string, string> { ["retry-after"] = headers["retry-after"] }));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            new RedditReplies(Http(), Secrets, TimeProvider.System).SendAsync(ReplyTo(reddit, "t3_4b1tfm", "hi"), CancellationToken.None));

        Assert.Equal("Reddit is rate limiting the app (429 Too Many Requests); try again in 4 s", error.Message);
        Assert.Equal(TimeSpan.FromSeconds(4), error.RetryAfter);
    }

    [Fact]
    public async Task Reply_InvalidGrantInsideA200_CredentialsErrorAndNoComment()
    {
        await using var reddit = await FakeNetwork.StartAsync(request => new FakeAnswer(200, FakeNetwork.Fixture("reddit/access_token_invalid_grant_200.json")));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            new RedditReplies(Http(), Secrets, TimeProvider.System).SendAsync(ReplyTo(reddit, "t3_4b1tfm", "hi"), CancellationToken.None));

        Assert.StartsWith("Reddit refused the channel's credentials (invalid_grant", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(reddit.Requests, r => r.Path == "/api/comment");
    }

    private OutboundReply ReplyTo(FakeNetwork reddit, string thing, string text) =>
        Reply(new()
        {
            ["base_url"] = reddit.Address.ToString(), ["auth_url"] = reddit.Address.ToString(), ["client_id"] = "app-id", ["client_secret"] = "app-secret",
            ["subreddit"] = "brand", ["username"] = "brand_care", ["password"] = "hunter2",
        }, ["client_secret", "password"], thing, "someone", text, "{}", _channel);
}
