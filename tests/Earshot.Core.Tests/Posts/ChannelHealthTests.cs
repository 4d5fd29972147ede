using Earshot.Core.Posts;

namespace Earshot.Core.Tests.Posts;

public sealed class ChannelHealthTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_channel_that_never_succeeded_and_fails_is_failing_not_ok()
    {
        var health = new ChannelHealth { LastRunAt = Now, ConsecutiveFailures = 1, LastError = "could not reach feed.example" };
        Assert.Equal("failing: 1 failure in a row, never succeeded", health.Warning(Now, Interval));
    }

    [Fact]
    public void A_failure_since_the_last_success_is_failing_and_names_that_success()
    {
        var health = new ChannelHealth { LastRunAt = Now, LastSuccessAt = Now.AddMinutes(-10), ConsecutiveFailures = 2 };
        Assert.Equal("failing: 2 failures in a row, last success 2026-12-07 08:50 UTC", health.Warning(Now, Interval));
    }

    [Fact]
    public void A_channel_that_succeeds_is_ok_and_one_that_stopped_succeeding_is_stalled()
    {
        Assert.Null(new ChannelHealth { LastRunAt = Now, LastSuccessAt = Now.AddMinutes(-1) }.Warning(Now, Interval));
        Assert.Null(new ChannelHealth().Warning(Now, Interval));
        Assert.Equal("stalled: no successful fetch since 2026-12-07 08:00 UTC",
            new ChannelHealth { LastRunAt = Now, LastSuccessAt = Now.AddHours(-1) }.Warning(Now, Interval));
    }
}
