using Earshot.Connectors.Shared;
using Earshot.Connectors.X;
using Xunit;

namespace Earshot.Connectors.Tests.X;

public sealed class XErrorsTests
{
    [Theory]
    [InlineData(403, "error_403_reply_not_summoned.json", XErrorKind.ReplyNotSummoned, false, true)]
    [InlineData(429, "error_429.json", XErrorKind.RateLimited, true, false)]
    [InlineData(429, "error_429_usage_capped.json", XErrorKind.UsageCapExceeded, false, false)]
    [InlineData(429, "stream_error_429_too_many_connections.json", XErrorKind.TooManyConnections, true, false)]
    [InlineData(401, "error_401.json", XErrorKind.Unauthorized, false, false)]
    [InlineData(200, "stream_operational_disconnect.json", XErrorKind.OperationalDisconnect, true, false)]
    public void Classify_Fixture_KindAndRetry(int status, string file, XErrorKind kind, bool retryable, bool showToAgent)
    {
        var result = XErrors.Classify(status, Fixtures.Text("twitter", file));

        Assert.Equal((kind, retryable, showToAgent), (result.Kind, result.Retryable, result.ShowToAgent));
    }

    [Theory]
    [InlineData(409, null, XErrorKind.NoStreamRules)]
    [InlineData(503, "<html>busy</html>", XErrorKind.ServerError)]
    [InlineData(429, "not json", XErrorKind.RateLimited)]
    public void Classify_NoProblemBody_ByStatus(int status, string? body, XErrorKind kind) =>
        Assert.Equal(kind, XErrors.Classify(status, body).Kind);

    [Fact]
    public void Classify_NotSummoned_MessageForAgent() =>
        Assert.StartsWith("Reply to this conversation is not allowed", XErrors.Classify(403, Fixtures.Text("twitter", "error_403_reply_not_summoned.json")).Message, StringComparison.Ordinal);
}

public sealed class XReconnectTests
{
    [Theory]
    [InlineData(XFailure.Network, 1, 250)]
    [InlineData(XFailure.Network, 4, 1000)]
    [InlineData(XFailure.Network, 100, 16_000)]
    [InlineData(XFailure.Http, 1, 5_000)]
    [InlineData(XFailure.Http, 3, 20_000)]
    [InlineData(XFailure.Http, 7, 320_000)]
    [InlineData(XFailure.Http, 50, 320_000)]
    [InlineData(XFailure.RateLimited, 1, 60_000)]
    [InlineData(XFailure.RateLimited, 2, 120_000)]
    public void Delay_DocumentedSchedule(XFailure failure, int attempt, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), XReconnect.Delay(failure, attempt));

    [Fact]
    public void ParseRateLimit_RecordedHeaders_EpochReset()
    {
        var limit = XReconnect.ParseRateLimit(HeaderBag.Parse(Fixtures.Text("twitter", "search_recent_page1_headers.http")));

        Assert.Equal((450L, 448.0), (limit.Limit!.Value, limit.Remaining!.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1665183229), limit.ResetAt);
    }

    [Fact]
    public void Delay_RateLimitedUntilResetLater_WaitsForReset()
    {
        var limit = XReconnect.ParseRateLimit(HeaderBag.Parse(Fixtures.Text("twitter", "error_429_headers.http")));
        var now = DateTimeOffset.FromUnixTimeSeconds(1665183229 - 300);

        Assert.Equal(TimeSpan.FromMinutes(5), XReconnect.Delay(XFailure.RateLimited, 1, limit, now));
        Assert.Equal(TimeSpan.FromMinutes(1), XReconnect.Delay(XFailure.RateLimited, 1, limit, now.AddMinutes(5)));
    }

    [Theory]
    [InlineData("x-rate-limit-limit: abc\nx-rate-limit-reset: -5")]
    [InlineData("")]
    public void ParseRateLimit_Garbage_Nulls(string headers)
    {
        var limit = XReconnect.ParseRateLimit(HeaderBag.Parse(headers));

        Assert.Equal((null, null, null), (limit.Limit, limit.Remaining, limit.ResetAt));
    }
}
