using System.Globalization;

namespace Earshot.Core.Cases;

/// <summary>
/// Where a case stands in the queue and why. Follower count is not an input unless the workspace turned the reach
/// factor on (<see cref="CasePolicy.ReachFactorEnabled"/>).
/// </summary>
public static class QueueOrder
{
    private static readonly DateTime Epoch = DateTime.UnixEpoch;

    /// <summary>The head start, in minutes, a case's labels give it.</summary>
    public static double HeadStart(CasePolicy policy, string intent, IEnumerable<string> severityCues, int? followers)
    {
        var severity = severityCues.Select(cue => policy.SeverityMinutes.GetValueOrDefault(cue)).DefaultIfEmpty(0).Max();
        var minutes = severity + policy.IntentMinutes.GetValueOrDefault(intent);
        if (policy.ReachFactorEnabled && followers is > 0)
            minutes += policy.ReachMinutesPerTenfold * Math.Log10(followers.Value + 1);
        return minutes;
    }

    /// <summary>The time-invariant sort key: lower comes first.</summary>
    public static double RankKey(DateTime waitingSince, double headStart) => (waitingSince - Epoch).TotalMinutes - headStart;

    /// <summary>The extra minutes a near or missed deadline adds at <paramref name="now"/>.</summary>
    public static double DeadlineBoost(CasePolicy policy, DateTime? dueAt, DateTime now)
    {
        if (dueAt is null)
            return 0;
        if (dueAt <= now)
            return 2 * policy.SlaWarningBoostMinutes;
        return (dueAt.Value - now).TotalMinutes <= policy.SlaWarningMinutes ? policy.SlaWarningBoostMinutes : 0;
    }

    /// <summary>Priority at <paramref name="now"/>: head start + minutes waited + deadline boost. Higher comes first.</summary>
    public static double Priority(CasePolicy policy, double headStart, DateTime? waitingSince, DateTime? dueAt, DateTime now)
    {
        var waited = waitingSince is { } since ? Math.Max(0, (now - since).TotalMinutes) : 0;
        return headStart + waited + DeadlineBoost(policy, dueAt, now);
    }

    /// <summary>The reasons, in words, as the queue shows them ("severity: outage; waiting 42 min; SLA in 8 min").</summary>
    public static IReadOnlyList<string> Reasons(string intent, IReadOnlyList<string> severityCues, DateTime? waitingSince, DateTime? dueAt, DateTime now, double reachMinutes = 0)
    {
        var reasons = new List<string>();
        if (severityCues.Count > 0)
            reasons.Add("severity: " + string.Join(", ", severityCues));
        if (intent.Length > 0)
            reasons.Add("intent: " + intent);
        if (waitingSince is { } since)
            reasons.Add("waiting " + Duration(now - since));
        if (dueAt is { } due)
            reasons.Add(due > now ? "SLA in " + Duration(due - now) : "SLA breached " + Duration(now - due) + " ago");
        if (reachMinutes > 0)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"reach factor: +{reachMinutes:0} min"));
        return reasons;
    }

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
            span = TimeSpan.Zero;
        if (span.TotalMinutes < 60)
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min");
        if (span.TotalHours < 48)
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min");
        return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h");
    }
}
