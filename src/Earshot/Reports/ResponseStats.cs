namespace Earshot.Reports;

/// <summary>First-response figures for a group of cases: how many, how many answered, and how fast (minutes).</summary>
public sealed record ResponseStats(int Requests, int Answered, double AnswerRate, double? MedianMinutes, double? P90Minutes, double? SlaMetRate, int Breaches)
{
    public static ResponseStats Of(IReadOnlyCollection<CaseFacts> cases)
    {
        var times = cases.Where(c => c.FirstRespondedAt is not null)
            .Select(c => Math.Max(0, (c.FirstRespondedAt!.Value - c.OpenedAt).TotalMinutes)).Order().ToList();
        var withSla = cases.Where(c => c.FirstResponseDueAt is not null).ToList();
        var met = withSla.Count(c => c.FirstRespondedAt is { } at && at <= c.FirstResponseDueAt);
        return new ResponseStats(
            cases.Count, times.Count, cases.Count == 0 ? 0 : Math.Round((double)times.Count / cases.Count, 4),
            Percentile(times, 0.5), Percentile(times, 0.9),
            withSla.Count == 0 ? null : Math.Round((double)met / withSla.Count, 4),
            cases.Sum(c => c.Breaches));
    }

    /// <summary>Nearest-rank percentile of sorted values, rounded to a tenth of a minute.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
            return null;
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return Math.Round(sorted[Math.Clamp(rank, 0, sorted.Count - 1)], 1);
    }
}

/// <summary>What reports read of a case.</summary>
public sealed record CaseFacts(
    Guid Id, Guid? TeamId, Guid ChannelId, string Intent, int? Followers, DateTime OpenedAt, DateTime? FirstRespondedAt,
    DateTime? FirstResponseDueAt, int Breaches, bool Queued, DateTime? WaitingSince, Guid? FirstResponderId);
