using Earshot.Engine.Alerts.Delivery;
using Xunit;

namespace Earshot.Engine.Tests.Alerts;

public class DeliveryBackoffTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void NextAttempt_Default_DoublesFromThirtySecondsThenDeadLetters()
    {
        var options = new DeliveryOptions();

        var delays = Enumerable.Range(1, 7).Select(n => options.NextAttempt(n, Now)!.Value - Now).ToList();

        Assert.Equal([30, 60, 120, 240, 480, 960, 1920], delays.Select(d => d.TotalSeconds));
        Assert.Null(options.NextAttempt(8, Now));
    }

    [Fact]
    public void NextAttempt_LongSchedule_StopsGrowingAtTheCap()
    {
        var options = new DeliveryOptions { MaxAttempts = 20 };

        Assert.Equal(TimeSpan.FromHours(1), options.NextAttempt(12, Now) - Now);
        Assert.Equal(TimeSpan.FromHours(1), options.NextAttempt(19, Now) - Now);
        Assert.Null(options.NextAttempt(20, Now));
    }
}
