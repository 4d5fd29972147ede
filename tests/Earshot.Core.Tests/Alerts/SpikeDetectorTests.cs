using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Detection.Evaluation;
using Xunit;

namespace Earshot.Core.Tests.Alerts;

public class SpikeDetectorTests
{
    private static readonly DateTime Start = new(2025, 3, 3, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static List<DetectionEvent> Feed(
        DetectorOptions options, IEnumerable<(DateTime time, double value)> points, Func<DateTime, double, double>? negatives = null)
    {
        var detector = new SpikeDetector(options);
        var events = new List<DetectionEvent>();
        foreach (var (time, value) in points)
            events.AddRange(detector.Observe(time, value, negatives?.Invoke(time, value) ?? 0));
        return events;
    }

    private static List<DetectionEvent> Opened(IEnumerable<DetectionEvent> events, DetectionKind kind) =>
        events.Where(e => e.Kind == kind && e.Phase == DetectionPhase.Opened).ToList();

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(2, 5.0)]
    [InlineData(3, 20.0)]
    public void InjectedSpike_KnownStart_OpensWithinMinutes(int seed, double meanPerMinute)
    {
        var spike = new SyntheticSpike(Start.AddDays(5).AddHours(14).AddMinutes(7), TimeSpan.FromHours(1), 3);
        var series = SyntheticSeries.Generate(seed, Start, Minute, 6, meanPerMinute, 0.5, [spike]);

        var opened = Opened(Feed(new DetectorOptions(), series.Points), DetectionKind.VolumeSpike);

        var hit = Assert.Single(opened, e => e.At >= spike.Start && e.At <= spike.Start + spike.Duration);
        Assert.True(hit.At - spike.Start <= TimeSpan.FromMinutes(20), $"opened {hit.At - spike.Start} after the start");
        Assert.True(hit.Observed > hit.Expected * 1.5);
    }

    [Theory]
    [InlineData(11, 0.5)]
    [InlineData(12, 5.0)]
    [InlineData(13, 50.0)]
    public void PoissonNoise_TwoWeeksWithoutSpikes_AtMostOneFalseAlarm(int seed, double meanPerMinute)
    {
        var series = SyntheticSeries.Generate(seed, Start, Minute, 14, meanPerMinute, 0.6, []);

        var opened = Opened(Feed(new DetectorOptions(), series.Points), DetectionKind.VolumeSpike);

        Assert.True(opened.Count <= 1, $"{opened.Count} false alarms: {string.Join(", ", opened.Select(e => e.At))}");
    }

    [Fact]
    public void MinimumCount_TwoToSixPosts_IsNoAlarmButSixAboveLowerMinimumIs()
    {
        // One post every 7.5 minutes (2 per 15-minute window), then 6 posts in one window.
        var points = new List<(DateTime, double)>();
        for (var t = Start; t < Start.AddDays(4); t += Minute)
            points.Add((t, t.Minute % 15 is 0 or 7 ? 1 : 0));
        var burst = Start.AddDays(3).AddHours(12);
        for (var i = 0; i < points.Count; i++)
            if (points[i].Item1 >= burst && points[i].Item1 < burst.AddMinutes(6)) points[i] = (points[i].Item1, 1);
        var lenient = new DetectorOptions { Alpha = 0.05, MinimumRatio = 1 };

        var guarded = Opened(Feed(lenient, points), DetectionKind.VolumeSpike);
        var unguarded = Opened(Feed(lenient with { MinimumCount = 5 }, points), DetectionKind.VolumeSpike);

        Assert.Empty(guarded);
        Assert.Contains(unguarded, e => e.At >= burst && e.At < burst.AddMinutes(15));
    }

    [Fact]
    public void WobblingIncident_ThreeHoursOnAndOff_IsOneAlertOpenedAndClosedOnce()
    {
        var spike = Start.AddDays(4).AddHours(10);
        var spikes = Enumerable.Range(0, 9)
            .Select(i => new SyntheticSpike(spike.AddMinutes(20 * i), TimeSpan.FromMinutes(12), 6))
            .ToList();
        var series = SyntheticSeries.Generate(7, Start, Minute, 5, 5, 0.3, spikes);

        var events = Feed(new DetectorOptions(), series.Points).Where(e => e.Kind == DetectionKind.VolumeSpike).ToList();

        Assert.Single(events, e => e.Phase == DetectionPhase.Opened);
        var closed = Assert.Single(events, e => e.Phase == DetectionPhase.Closed);
        Assert.True(closed.At >= spike.AddHours(3), $"closed at {closed.At} before the incident ended");
        Assert.True(closed.Total > closed.ExpectedTotal * 2);
        Assert.Contains(events, e => e.Phase == DetectionPhase.Updated);
    }

    [Fact]
    public void DailyPeak_SameHourEveryDay_IsNotAnAlarmWithSeasonality()
    {
        // Every day at 12:00–13:00 the topic is four times busier (lunch-time complaints).
        var spikes = Enumerable.Range(0, 10)
            .Select(d => new SyntheticSpike(Start.AddDays(d).AddHours(12), TimeSpan.FromHours(1), 4))
            .ToList();
        var series = SyntheticSeries.Generate(21, Start, Minute, 10, 5, 0, spikes);
        var afterLearning = Start.AddDays(4);

        var seasonal = Opened(Feed(new DetectorOptions(), series.Points), DetectionKind.VolumeSpike);
        var flat = Opened(Feed(new DetectorOptions { Seasonality = Seasonality.None }, series.Points), DetectionKind.VolumeSpike);

        Assert.DoesNotContain(seasonal, e => e.At >= afterLearning);
        Assert.True(flat.Count(e => e.At >= afterLearning) >= 5, "without seasonality the daily peak alarms");
    }

    [Fact]
    public void NegativityRise_SameVolume_OpensNegativitySpikeOnly()
    {
        var series = SyntheticSeries.Generate(31, Start, Minute, 4, 10, 0.3, []);
        var shift = Start.AddDays(3).AddHours(15);
        var random = new Random(5);
        double Negatives(DateTime t, double posts)
        {
            var share = t >= shift && t < shift.AddMinutes(45) ? 0.6 : 0.1;
            return Enumerable.Range(0, (int)posts).Count(_ => random.NextDouble() < share);
        }

        var events = Feed(new DetectorOptions(), series.Points, Negatives);

        var negativity = Assert.Single(Opened(events, DetectionKind.NegativitySpike));
        Assert.InRange(negativity.At, shift, shift.AddMinutes(20));
        Assert.True(negativity.Observed > negativity.Expected + 0.15);
        Assert.Empty(Opened(events, DetectionKind.VolumeSpike));
    }

    [Fact]
    public void BusyTopic_GoesQuiet_OpensSilenceAndClosesWhenTrafficReturns()
    {
        var series = SyntheticSeries.Generate(41, Start, Minute, 5, 10, 0.3, []);
        var outage = Start.AddDays(4).AddHours(9);
        var points = series.Points
            .Where(p => p.time < outage || p.time >= outage.AddHours(2))
            .ToList(); // a dead connector delivers nothing: skipped buckets count as zero

        var events = Feed(new DetectorOptions(), points).Where(e => e.Kind == DetectionKind.Silence).ToList();

        var opened = Assert.Single(events, e => e.Phase == DetectionPhase.Opened);
        Assert.InRange(opened.At, outage, outage.AddHours(1.5));
        var closed = Assert.Single(events, e => e.Phase == DetectionPhase.Closed);
        Assert.True(closed.At > outage.AddHours(2));
    }

    [Fact]
    public void OutOfOrderBucket_Throws()
    {
        var detector = new SpikeDetector(new DetectorOptions());
        detector.Observe(Start.AddMinutes(5), 1);

        Assert.Throws<ArgumentException>(() => detector.Observe(Start, 1));
    }
}
