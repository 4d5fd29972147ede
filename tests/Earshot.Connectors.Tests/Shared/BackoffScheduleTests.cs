using Earshot.Connectors.Shared;
using Xunit;

namespace Earshot.Connectors.Tests.Shared;

public sealed class BackoffScheduleTests
{
    [Fact]
    public void Linear_GrowsByStepThenCaps()
    {
        var schedule = BackoffSchedule.Linear(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(16));

        Assert.Equal(TimeSpan.FromMilliseconds(250), schedule.Delay(1));
        Assert.Equal(TimeSpan.FromMilliseconds(750), schedule.Delay(3));
        Assert.Equal(TimeSpan.FromSeconds(16), schedule.Delay(64));
        Assert.Equal(TimeSpan.FromSeconds(16), schedule.Delay(int.MaxValue));
    }

    [Fact]
    public void Doubling_HugeAttempt_CapsWithoutOverflow()
    {
        var schedule = BackoffSchedule.Doubling(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(320));

        Assert.Equal(TimeSpan.FromSeconds(5), schedule.Delay(1));
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.Delay(2));
        Assert.Equal(TimeSpan.FromSeconds(320), schedule.Delay(7));
        Assert.Equal(TimeSpan.FromSeconds(320), schedule.Delay(int.MaxValue));
    }
}
