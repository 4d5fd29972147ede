using Earshot.Engine.Learning;
using Xunit;

namespace Earshot.Engine.Tests.Learning;

public sealed class SchedulingNightlyRetrainTests
{
    [Theory]
    [InlineData("2026-11-23T01:30:00Z", 30)]
    [InlineData("2026-11-23T02:00:00Z", 24 * 60)]
    [InlineData("2026-11-23T12:00:00Z", 14 * 60)]
    public void UntilNextRun_AtTwoUtc_WaitsForTheNextTwoOClock(string now, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), NightlyRetrain.UntilNextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), 2));
    }
}
