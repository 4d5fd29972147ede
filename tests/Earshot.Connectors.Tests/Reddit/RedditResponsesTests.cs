using Earshot.Connectors.Reddit;
using Earshot.Connectors.Shared;
using Xunit;

namespace Earshot.Connectors.Tests.Reddit;

public sealed class RedditResponsesTests
{
    [Fact]
    public void Classify_RatelimitInside200_NotRetriedShownWithWait()
    {
        var result = RedditResponses.Classify(200, Fixtures.Text("reddit", "comment_reply_ratelimit_error.json"));

        Assert.Equal((RedditErrorKind.ActionRateLimited, false, true), (result.Kind, result.Retryable, result.ShowToAgent));
        Assert.Equal(TimeSpan.FromMinutes(2), result.RetryAfter);
        Assert.StartsWith("RATELIMIT: Looks like", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_SuccessfulReply_None() =>
        Assert.False(RedditResponses.Classify(200, Fixtures.Text("reddit", "comment_reply_response.json")).IsError);

    [Fact]
    public void Classify_InvalidGrantInside200_InvalidGrant() =>
        Assert.Equal(RedditErrorKind.InvalidGrant, RedditResponses.Classify(200, Fixtures.Text("reddit", "access_token_invalid_grant_200.json")).Kind);

    [Fact]
    public void Classify_429HtmlBody_RecognisedWithRetryAfter()
    {
        var raw = Fixtures.Text("reddit", "error_429_html_headers.http");
        var body = raw[(raw.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];

        var result = RedditResponses.Classify(429, body, HeaderBag.Parse(raw));

        Assert.Equal((RedditErrorKind.TooManyRequests, true), (result.Kind, result.Retryable));
        Assert.Equal(TimeSpan.FromSeconds(4), result.RetryAfter);
    }

    [Theory]
    [InlineData(401, "error_401.json", RedditErrorKind.Unauthorized, "Unauthorized")]
    [InlineData(403, "error_403.json", RedditErrorKind.Forbidden, "Forbidden")]
    [InlineData(429, "error_429.json", RedditErrorKind.TooManyRequests, "Too Many Requests")]
    public void Classify_JsonErrors_KindAndMessage(int status, string file, RedditErrorKind kind, string message)
    {
        var result = RedditResponses.Classify(status, Fixtures.Text("reddit", file));

        Assert.Equal((kind, message), (result.Kind, result.Message));
    }

    [Fact]
    public void ParseRateLimit_RecordedHeaders_FloatRemainingResetFromNow()
    {
        var now = new DateTimeOffset(2026, 4, 13, 20, 49, 46, TimeSpan.Zero);

        var limit = RedditResponses.ParseRateLimit(HeaderBag.Parse(Fixtures.Text("reddit", "listing_hot_2026_headers.http")), now);

        Assert.Equal(997.0, limit.Remaining);
        Assert.Equal(1000, limit.Limit);
        Assert.Equal(now.AddSeconds(15), limit.ResetAt);
        Assert.False(limit.Exhausted);
    }

    [Fact]
    public void ParseRateLimit_Exhausted_WaitUntilReset()
    {
        var now = DateTimeOffset.UnixEpoch;
        var limit = RedditResponses.ParseRateLimit(HeaderBag.Parse("x-ratelimit-remaining: 0.0\nx-ratelimit-used: 1000\nx-ratelimit-reset: 42"), now);

        Assert.Equal(TimeSpan.FromSeconds(42), limit.WaitBeforeNextCall(now));
    }
}
