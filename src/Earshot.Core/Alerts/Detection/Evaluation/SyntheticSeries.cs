namespace Earshot.Core.Alerts.Detection.Evaluation;

/// <summary>An injected incident: from Start the rate is multiplied by Multiplier for Duration.</summary>
public sealed record SyntheticSpike(DateTime Start, TimeSpan Duration, double Multiplier);

/// <summary>
/// Poisson counts around a daily cycle (peak in the afternoon, trough at night), with spikes injected at known
/// starts. Deterministic for a seed, so tests and the benchmark see the same series.
/// </summary>
public sealed record SyntheticSeries(IReadOnlyList<(DateTime time, double value)> Points, IReadOnlyList<SyntheticSpike> Spikes)
{
    public static SyntheticSeries Generate(
        int seed, DateTime start, TimeSpan bucket, int days, double meanPerBucket, double dailyAmplitude,
        IReadOnlyList<SyntheticSpike> spikes)
    {
        var random = new Random(seed);
        var points = new List<(DateTime, double)>();
        for (var time = start; time < start.AddDays(days); time += bucket)
        {
            var rate = DailyRate(time, meanPerBucket, dailyAmplitude);
            foreach (var spike in spikes)
                if (time >= spike.Start && time < spike.Start + spike.Duration) rate *= spike.Multiplier;
            points.Add((time, Poisson(random, rate)));
        }
        return new SyntheticSeries(points, spikes);
    }

    /// <summary>Spikes every few days after a warm-up, at varied hours, with the given size.</summary>
    public static IReadOnlyList<SyntheticSpike> EveryFewDays(
        int seed, DateTime start, int days, TimeSpan duration, double multiplier, int firstDay = 4, int spacingDays = 3)
    {
        var random = new Random(seed);
        var spikes = new List<SyntheticSpike>();
        for (var day = firstDay; day < days - 1; day += spacingDays)
            spikes.Add(new SyntheticSpike(start.AddDays(day).AddMinutes(random.Next(0, 24 * 60)), duration, multiplier));
        return spikes;
    }

    public static double DailyRate(DateTime time, double mean, double amplitude)
    {
        var phase = (time.TimeOfDay.TotalHours - 15) / 24 * 2 * Math.PI;
        return mean * (1 + amplitude * Math.Cos(phase));
    }

    public static double Poisson(Random random, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 50)
        {
            // Normal approximation: exact enough for the benchmark's large rates.
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * z));
        }
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }
}
