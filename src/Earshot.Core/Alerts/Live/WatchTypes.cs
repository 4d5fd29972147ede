using Earshot.Core.Alerts.Detection;

namespace Earshot.Core.Alerts.Live;

/// <summary>A classified post on a watched topic, as the live detector counts it.</summary>
public sealed record WatchedPost(Guid Id, DateTime CreatedAt, bool Negative, bool Complaint, string Text);

/// <summary>A post shown with an alert (text cut to <see cref="MaxLength"/>).</summary>
public sealed record AlertExample(Guid PostId, string Text, bool Negative)
{
    public const int MaxLength = 280;

    public static AlertExample Of(WatchedPost post) =>
        new(post.Id, post.Text.Length <= MaxLength ? post.Text : post.Text[..(MaxLength - 1)] + "…", post.Negative);
}

/// <summary>
/// What the alert of one topic and kind became: opened, updated or closed. <see cref="Count"/> is the posts
/// (negative posts for a negativity spike) from <see cref="StartedAt"/> on; <see cref="PeakPerMinute"/> the busiest
/// minute of that measure. <see cref="Reason"/> says why an alert closed when the detector did not close it.
/// </summary>
public sealed record AlertChange(
    Guid TopicId,
    DetectionKind Kind,
    DetectionPhase Phase,
    DateTime StartedAt,
    DateTime At,
    int Count,
    double PeakPerMinute,
    double Expected,
    double Observed,
    double Score,
    IReadOnlyList<string> Terms,
    IReadOnlyList<AlertExample> Examples,
    bool Provisional,
    string? Reason = null);

/// <summary>Settings of the live detector around <see cref="SpikeDetector"/>.</summary>
public sealed record WatchOptions
{
    public DetectorOptions Detector { get; init; } = new();

    public EmergingTermsOptions Terms { get; init; } = new();

    /// <summary>
    /// How long after a minute ends posts stamped in it may still arrive. A minute is final (fed to the detector)
    /// only then; before that, it is tried on a scratch copy of the detector so a spike alerts at once.
    /// </summary>
    public TimeSpan Lateness { get; init; } = TimeSpan.FromMinutes(2);

    public const int MaxExamples = 5;
}
