using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Live;
using Xunit;

namespace Earshot.Core.Tests.Alerts;

public class AlertLifecycleTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    private static readonly WatchOptions Options = new()
    {
        Detector = new DetectorOptions
        {
            Window = TimeSpan.FromMinutes(5),
            WarmUp = TimeSpan.FromHours(1),
            Seasonality = Seasonality.None,
            CloseAfter = TimeSpan.FromMinutes(10),
            Cooldown = TimeSpan.FromHours(2),
        },
    };

    private TopicWatch _watch = new(Guid.CreateVersion7(), Options);
    private readonly List<AlertChange> _changes = [];
    private int _serial;

    /// <summary>Posts in one minute, then the watermark a live server would have (the newest time minus the lateness).</summary>
    private void Minute(int minute, int posts, int negatives = 0)
    {
        var at = Start.AddMinutes(minute);
        for (var i = 0; i < posts; i++)
        {
            var negative = i < negatives;
            var text = negative ? $"the app is down again, awful outage {_serial}" : $"listening to the new playlist {_serial % 7}";
            _watch.Add(new WatchedPost(Guid.CreateVersion7(), at.AddSeconds(i * 59.0 / Math.Max(posts, 1)), negative, negative, text));
            _serial++;
        }
        _changes.AddRange(_watch.Advance(at.AddSeconds(59) - Options.Lateness));
    }

    private void Calm(int from, int to)
    {
        for (var minute = from; minute < to; minute++) Minute(minute, 2 + minute % 3);
    }

    private List<AlertChange> Volume(DetectionPhase phase) =>
        _changes.Where(c => c.Kind == DetectionKind.VolumeSpike && c.Phase == phase).ToList();

    [Fact]
    public void SteadyTraffic_NoAlert()
    {
        Calm(0, 240);

        Assert.Empty(_changes);
    }

    [Fact]
    public void Burst_OpensOnTheTippingMinute_BeforeTheMinuteIsFinal()
    {
        Calm(0, 120);

        Minute(120, 40, negatives: 30);

        var opened = Assert.Single(Volume(DetectionPhase.Opened));
        Assert.True(opened.Provisional);
        Assert.Equal(Start.AddMinutes(120), opened.StartedAt);
        Assert.Equal(40, opened.Count);
        Assert.Equal(WatchOptions.MaxExamples, opened.Examples.Count);
        Assert.All(opened.Examples, e => Assert.True(e.Negative));
    }

    [Fact]
    public void LongBurst_IsOneAlert_UpdatedThenClosed()
    {
        Calm(0, 120);
        for (var minute = 120; minute < 126; minute++) Minute(minute, 40, negatives: 30);
        Calm(126, 180);

        Assert.Single(Volume(DetectionPhase.Opened));
        Assert.NotEmpty(Volume(DetectionPhase.Updated));
        var closed = Assert.Single(Volume(DetectionPhase.Closed));
        Assert.Null(closed.Reason);
        Assert.True(closed.Count >= 6 * 40, $"count {closed.Count}");
        Assert.Equal(40, closed.PeakPerMinute);
        Assert.False(closed.Provisional);
    }

    [Fact]
    public void SecondBurst_WithinCooldown_OpensNothing()
    {
        Calm(0, 120);
        for (var minute = 120; minute < 123; minute++) Minute(minute, 40);
        Calm(123, 160);
        Assert.Single(Volume(DetectionPhase.Closed));

        for (var minute = 160; minute < 163; minute++) Minute(minute, 40);

        Assert.Single(Volume(DetectionPhase.Opened));
    }

    [Fact]
    public void NegativeBurst_AtSteadyVolume_OpensNegativitySpike()
    {
        Calm(0, 120);
        for (var minute = 120; minute < 130; minute++) Minute(minute, 3, negatives: 3);

        var opened = Assert.Single(_changes, c => c.Kind == DetectionKind.NegativitySpike && c.Phase == DetectionPhase.Opened);
        Assert.Empty(Volume(DetectionPhase.Opened));
        Assert.All(opened.Examples, e => Assert.True(e.Negative));
    }

    [Fact]
    public void PostInAFinalMinute_IsLate_AndNotCounted()
    {
        Calm(0, 10);

        _watch.Add(new WatchedPost(Guid.CreateVersion7(), Start.AddMinutes(2), false, false, "late"));

        Assert.Equal(1, _watch.LatePosts);
    }

    [Theory]
    [InlineData(Sensitivity.High, 1)]
    [InlineData(Sensitivity.Low, 0)]
    public void ModerateBurst_AlertsOnlyASensitiveTopic(Sensitivity sensitivity, int alerts)
    {
        var options = Options with { Detector = Options.Detector with { Sensitivity = sensitivity } };
        _watch = new TopicWatch(Guid.CreateVersion7(), options, new SpikeDetector(options.Detector));
        Calm(0, 120);

        for (var minute = 120; minute < 125; minute++) Minute(minute, 9);

        Assert.Equal(alerts, Volume(DetectionPhase.Opened).Count);
    }

    [Fact]
    public void NewPhrase_InACalmTopic_OpensOneEmergingTermAlert_ThenClosesIt()
    {
        Calm(0, 240);
        for (var minute = 240; minute < 246; minute++) Minute(minute, 3, negatives: 3);
        Calm(246, 300);

        var opened = Assert.Single(_changes, c => c.Kind == DetectionKind.EmergingTerm && c.Phase == DetectionPhase.Opened);
        Assert.Contains(opened.Terms, t => t.Contains("outage", StringComparison.Ordinal));
        Assert.Single(_changes, c => c.Kind == DetectionKind.EmergingTerm && c.Phase == DetectionPhase.Closed);
    }
}
