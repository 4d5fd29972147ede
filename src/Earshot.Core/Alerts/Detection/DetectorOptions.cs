namespace Earshot.Core.Alerts.Detection;

/// <summary>How far a window must depart from normal before it alarms.</summary>
public enum Sensitivity
{
    Low,
    Normal,
    High,
}

/// <summary>Which recurring pattern the baseline follows.</summary>
public enum Seasonality
{
    /// <summary>A flat level: the median of the recent past.</summary>
    None,
    /// <summary>The same time of day on the previous days.</summary>
    Daily,
    /// <summary>The same time of the same weekday on previous weeks; daily until two weeks are known.</summary>
    Weekly,
}

/// <summary>Settings of one <see cref="SpikeDetector"/>; one record per topic so sensitivity can differ.</summary>
public sealed record DetectorOptions
{
    /// <summary>Width of one count bucket (posts per minute in the pipeline, 5 minutes in NAB).</summary>
    public TimeSpan BucketSize { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The window tested against the baseline; several buckets, so small counts add up to evidence.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A second, longer window for sustained rises; four short windows unless set.</summary>
    public TimeSpan? LongWindow { get; init; }

    public Sensitivity Sensitivity { get; init; } = Sensitivity.Normal;

    /// <summary>Overrides the p-value that <see cref="Sensitivity"/> implies.</summary>
    public double? Alpha { get; init; }

    /// <summary>Fewest posts in the window before a volume alarm: 2 → 6 posts is noise, not an incident.</summary>
    public double MinimumCount { get; init; } = 10;

    /// <summary>The window must also be this many times the expected count, so huge topics need a real jump.</summary>
    public double MinimumRatio { get; init; } = 1.5;

    /// <summary>After an alert closes, the same kind stays quiet this long: one incident, one alert.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromHours(2);

    /// <summary>An alert closes once the window has been back to normal this long.</summary>
    public TimeSpan CloseAfter { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>While open, an update is emitted on a new peak or at least this often.</summary>
    public TimeSpan UpdateEvery { get; init; } = TimeSpan.FromMinutes(15);

    public Seasonality Seasonality { get; init; } = Seasonality.Daily;

    /// <summary>Days of the same time of day the seasonal median looks back over (weeks for weekly).</summary>
    public int SeasonalPeriods { get; init; } = 7;

    /// <summary>Resolution of the time-of-day profile.</summary>
    public TimeSpan ProfileSlot { get; init; } = TimeSpan.FromHours(1);

    /// <summary>No alarm of any kind before this much history exists.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Negativity alarms need the negative share to rise by at least this much (absolute).</summary>
    public double MinimumShareIncrease { get; init; } = 0.15;

    /// <summary>Fewest negative posts in the window before a negativity alarm.</summary>
    public double MinimumNegativeCount { get; init; } = 5;

    public SilenceRule Silence { get; init; } = new();

    public double EffectiveAlpha => Alpha ?? Sensitivity switch
    {
        Sensitivity.Low => 1e-10,
        Sensitivity.High => 1e-4,
        _ => 1e-7,
    };

    internal int WindowBuckets => Math.Max(1, (int)Math.Round(Window / BucketSize));

    internal int LongWindowBuckets => Math.Max(WindowBuckets, (int)Math.Round((LongWindow ?? 4 * Window) / BucketSize));

    internal void Validate()
    {
        if (BucketSize <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(BucketSize));
        if (Window < BucketSize) throw new ArgumentOutOfRangeException(nameof(Window), "The window holds at least one bucket.");
        if (ProfileSlot < BucketSize) throw new ArgumentOutOfRangeException(nameof(ProfileSlot), "A profile slot holds at least one bucket.");
        if (SeasonalPeriods < 1) throw new ArgumentOutOfRangeException(nameof(SeasonalPeriods));
        if (EffectiveAlpha is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(Alpha));
    }
}
