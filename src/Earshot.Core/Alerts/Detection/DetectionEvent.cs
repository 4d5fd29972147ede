namespace Earshot.Core.Alerts.Detection;

/// <summary>The alert kinds of issue 8; <see cref="Alert.Kind"/> stores <see cref="DetectionKinds.Name"/>.</summary>
public enum DetectionKind
{
    VolumeSpike,
    NegativitySpike,
    EmergingTerm,
    Silence,
}

public enum DetectionPhase
{
    Opened,
    Updated,
    Closed,
}

/// <summary>
/// One step in the life of an incident. <see cref="Expected"/> and <see cref="Observed"/> describe the tested
/// window at <see cref="At"/>; <see cref="Peak"/> and <see cref="Total"/> the whole incident so far.
/// For negativity, Expected and Observed are negative shares (0–1) and Peak the highest share.
/// </summary>
public sealed record DetectionEvent(
    DetectionKind Kind,
    DetectionPhase Phase,
    DateTime At,
    DateTime OpenedAt,
    double Expected,
    double Observed,
    double PValue,
    double Peak,
    double Total,
    double ExpectedTotal)
{
    /// <summary>-log10 of the p-value: 6 means one chance in a million under the baseline.</summary>
    public double Score => PValue <= 0 ? 320 : -Math.Log10(PValue);
}

public static class DetectionKinds
{
    public static string Name(this DetectionKind kind) => kind switch
    {
        DetectionKind.VolumeSpike => "volume-spike",
        DetectionKind.NegativitySpike => "negativity-spike",
        DetectionKind.EmergingTerm => "emerging-term",
        DetectionKind.Silence => "silence",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Name(this DetectionPhase phase) => phase switch
    {
        DetectionPhase.Opened => "open",
        DetectionPhase.Updated => "open",
        DetectionPhase.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(phase)),
    };
}
