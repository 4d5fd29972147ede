namespace Earshot.Engine.Learning;

/// <summary>When the trained model takes over and how the background work runs.</summary>
public sealed class LearningOptions
{
    /// <summary>Below this many labelled posts for a task, the built-in model stays in use for it.</summary>
    public int MinimumLabels { get; set; } = 200;

    /// <summary>The hour (UTC) of the nightly retrain.</summary>
    public int NightlyHourUtc { get; set; } = 2;

    /// <summary>How often the re-classification worker looks for queued jobs.</summary>
    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int ReclassifyBatch { get; set; } = 500;
}
