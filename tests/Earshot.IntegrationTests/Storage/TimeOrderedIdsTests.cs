using Earshot.Storage.Ingest;

namespace Earshot.IntegrationTests.Storage;

public sealed class TimeOrderedIdsTests
{
    private static readonly DateTime Time = new(2026, 12, 6, 10, 30, 15, 123, DateTimeKind.Utc);

    [Fact]
    public void Ids_AreVersion7_WithTheRfcVariant_AndTheTimesMillisecond()
    {
        var ids = TimeOrderedIds.Create(500, Time);

        Assert.All(ids, id =>
        {
            Assert.Equal(7, id.Version);
            Assert.Equal(0b10, id.Variant >> 2); // RFC 9562: the top two bits are 10
            Assert.Equal(Guid.CreateVersion7(Time).ToByteArray(bigEndian: true)[..6], id.ToByteArray(bigEndian: true)[..6]);
        });
    }

    [Fact]
    public void Ids_AreDistinct_AndSorted_SoTheyFollowTheBatchsOrder()
    {
        var ids = TimeOrderedIds.Create(20_000, Time);

        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public void ALaterMillisecond_SortsAfter()
    {
        var earlier = TimeOrderedIds.Create(100, Time);
        var later = TimeOrderedIds.Create(100, Time.AddMilliseconds(1));

        Assert.True(earlier.Max().CompareTo(later.Min()) < 0);
    }

    [Fact]
    public void AnEmptyBatch_HasNoIds() => Assert.Empty(TimeOrderedIds.Create(0, Time));
}
