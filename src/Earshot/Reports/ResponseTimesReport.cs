namespace Earshot.Reports;

/// <summary>
/// First-response times and SLA attainment per team, agent, channel and intent, and the backlog now: how many
/// cases wait and how long the oldest have waited.
/// </summary>
public sealed record ResponseTimesReport(
    DateTime From,
    DateTime To,
    ResponseStats Overall,
    IReadOnlyDictionary<string, ResponseStats> Teams,
    IReadOnlyDictionary<string, ResponseStats> Agents,
    IReadOnlyDictionary<string, ResponseStats> Channels,
    IReadOnlyDictionary<string, ResponseStats> Intents,
    ResponseTimesReport.Backlog Waiting)
{
    public sealed record Backlog(int Cases, double? MedianAgeMinutes, double? P90AgeMinutes, double? OldestMinutes, IReadOnlyDictionary<string, int> PerTeam);

    public static async Task<ResponseTimesReport> BuildAsync(EarshotDbContext db, IReadOnlyCollection<Guid>? workspaceIds, DateTime from, DateTime to, DateTime now, CancellationToken cancellationToken)
    {
        var cases = await CaseFactsQuery.LoadAsync(db, workspaceIds, from, to, cancellationToken);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var channels = await db.Channels.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var waiting = await db.Cases.AsNoTracking().Where(c => c.Queued && (workspaceIds == null || workspaceIds.Contains(c.WorkspaceId)))
            .Select(c => new { c.TeamId, c.WaitingSince, c.UpdatedAt }).ToListAsync(cancellationToken);
        var ages = waiting.Select(w => Math.Max(0, (now - (w.WaitingSince ?? w.UpdatedAt)).TotalMinutes)).Order().ToList();
        return new ResponseTimesReport(
            from, to, ResponseStats.Of(cases),
            By(cases, c => c.TeamId is { } t ? teams.GetValueOrDefault(t, "?") : "(no team)"),
            By(cases.Where(c => c.FirstRespondedAt is not null).ToList(), c => c.FirstResponderId is { } u ? users.GetValueOrDefault(u, "?") : "on the channel"),
            By(cases, c => channels.GetValueOrDefault(c.ChannelId, "?")),
            By(cases, c => c.Intent.Length == 0 ? "(none)" : c.Intent),
            new Backlog(waiting.Count, ResponseStats.Percentile(ages, 0.5), ResponseStats.Percentile(ages, 0.9), ages.Count == 0 ? null : Math.Round(ages[^1], 1),
                waiting.GroupBy(w => w.TeamId is { } t ? teams.GetValueOrDefault(t, "?") : "(no team)").ToDictionary(g => g.Key, g => g.Count())));
    }

    private static Dictionary<string, ResponseStats> By(IReadOnlyCollection<CaseFacts> cases, Func<CaseFacts, string> key) =>
        cases.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => ResponseStats.Of(g.ToList()));
}
