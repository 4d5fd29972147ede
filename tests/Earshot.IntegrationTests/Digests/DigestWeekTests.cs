using Earshot.Digests;

namespace Earshot.IntegrationTests.Digests;

/// <summary>Which Monday 08:00 a digest belongs to, on each reader's own clock.</summary>
public sealed class DigestWeekTests
{
    private static readonly DateTime MondayMorningUtc = new(2026, 12, 7, 8, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Latest_WithoutTimeZone_IsThisMondayAtEightUtc_CoveringTheSevenDaysBefore()
    {
        var week = DigestWeek.Latest(MondayMorningUtc, null);
        Assert.Equal(new DateOnly(2026, 12, 7), week.Monday);
        Assert.Equal(new DateTime(2026, 12, 7, 8, 0, 0, DateTimeKind.Utc), week.SendAt);
        Assert.Equal(TimeSpan.FromDays(7), week.To - week.From);
        Assert.Equal(week.SendAt, week.To);
    }

    [Fact]
    public void Latest_BeforeEightOnTheirClock_IsLastWeeksDigest()
    {
        // 08:30 UTC is 03:30 in New York: their Monday 08:00 has not come yet.
        var week = DigestWeek.Latest(MondayMorningUtc, "America/New_York");
        Assert.Equal(new DateOnly(2026, 11, 30), week.Monday);
        Assert.Equal(new DateTime(2026, 11, 30, 13, 0, 0, DateTimeKind.Utc), week.SendAt);
    }

    [Fact]
    public void Latest_InBerlin_IsSevenUtcInWinter_AndAnUnknownZoneFallsBackToUtc()
    {
        Assert.Equal(new DateTime(2026, 12, 7, 7, 0, 0, DateTimeKind.Utc), DigestWeek.Latest(MondayMorningUtc, "Europe/Berlin").SendAt);
        Assert.Equal(DigestWeek.Latest(MondayMorningUtc, null).SendAt, DigestWeek.Latest(MondayMorningUtc, "Nowhere/Special").SendAt);
    }

    [Fact]
    public void DeliveryId_IsTheSamePerUserAndWeek_AndDiffersOtherwise()
    {
        var (user, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var week = DigestWeek.Latest(MondayMorningUtc, null);
        Assert.Equal(week.DeliveryId(user), DigestWeek.Latest(MondayMorningUtc.AddDays(2), null).DeliveryId(user));
        Assert.NotEqual(week.DeliveryId(user), week.DeliveryId(other));
        Assert.NotEqual(week.DeliveryId(user), DigestWeek.Latest(MondayMorningUtc.AddDays(7), null).DeliveryId(user));
    }
}
