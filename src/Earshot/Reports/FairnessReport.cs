using System.Text.Json;
using Earshot.Core.Cases;

namespace Earshot.Reports;

/// <summary>
/// Are customers with few followers answered as often and as fast as those with many? First-response time and
/// answer rate per follower tier, overall and per team and channel, with parity ratios (1.0 = equal treatment),
/// and what the reach factor (if a workspace ever turned it on) did.
/// </summary>
public sealed record FairnessReport(
    DateTime From,
    DateTime To,
    IReadOnlyDictionary<string, ResponseStats> Tiers,
    FairnessReport.Parity Overall,
    IReadOnlyList<FairnessReport.Group> Teams,
    IReadOnlyList<FairnessReport.Group> Channels,
    FairnessReport.Reach ReachFactor)
{
    /// <summary>Tiers with fewer answered cases than this are left out of the parity ratios: too few to compare.</summary>
    public const int MinimumForParity = 5;

    /// <summary>
    /// Median first response of the slowest tier over the fastest (1.0 = equal; 2.0 = one tier waits twice as long),
    /// and the lowest answer rate over the highest (1.0 = equal).
    /// </summary>
    public sealed record Parity(double? ResponseTimeRatio, double? AnswerRateRatio, string? SlowestTier, string? FastestTier);

    public sealed record Group(string Name, IReadOnlyDictionary<string, ResponseStats> Tiers, Parity Parity);

    public sealed record Reach(bool EnabledNow, double MinutesPerTenfold, IReadOnlyDictionary<string, double> AverageHeadStartMinutes, IReadOnlyList<ReachChange> Changes);

    public sealed record ReachChange(DateTime At, string? By, bool Enabled);

    public static async Task<FairnessReport> BuildAsync(EarshotDbContext db, IReadOnlyCollection<Guid>? workspaceIds, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var cases = await CaseFactsQuery.LoadAsync(db, workspaceIds, from, to, cancellationToken);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var channels = await db.Channels.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var tiers = ByTier(cases);
        return new FairnessReport(
            from, to, tiers, ParityOf(tiers),
            Groups(cases, c => c.TeamId is { } t ? teams.GetValueOrDefault(t, "?") : "(no team)"),
            Groups(cases, c => channels.GetValueOrDefault(c.ChannelId, "?")),
            await ReachAsync(db, workspaceIds, cases, cancellationToken));
    }

    private static IReadOnlyDictionary<string, ResponseStats> ByTier(IReadOnlyCollection<CaseFacts> cases) =>
        FollowerTiers.All.ToDictionary(tier => tier, tier => ResponseStats.Of(cases.Where(c => FollowerTiers.Of(c.Followers) == tier).ToList()));

    private static List<Group> Groups(IReadOnlyCollection<CaseFacts> cases, Func<CaseFacts, string> key) =>
        cases.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => { var tiers = ByTier(g.ToList()); return new Group(g.Key, tiers, ParityOf(tiers)); })
            .ToList();

    public static Parity ParityOf(IReadOnlyDictionary<string, ResponseStats> tiers)
    {
        var known = tiers.Where(t => t.Key != "unknown").ToList();
        var timed = known.Where(t => t.Value.Answered >= MinimumForParity && t.Value.MedianMinutes > 0).ToList();
        var rated = known.Where(t => t.Value.Requests >= MinimumForParity).ToList();
        double? timeRatio = null;
        string? slowest = null, fastest = null;
        if (timed.Count >= 2)
        {
            var slow = timed.MaxBy(t => t.Value.MedianMinutes!.Value);
            var fast = timed.MinBy(t => t.Value.MedianMinutes!.Value);
            timeRatio = Math.Round(slow.Value.MedianMinutes!.Value / fast.Value.MedianMinutes!.Value, 2);
            (slowest, fastest) = (slow.Key, fast.Key);
        }
        double? rateRatio = null;
        if (rated.Count >= 2 && rated.Max(t => t.Value.AnswerRate) > 0)
            rateRatio = Math.Round(rated.Min(t => t.Value.AnswerRate) / rated.Max(t => t.Value.AnswerRate), 2);
        return new Parity(timeRatio, rateRatio, slowest, fastest);
    }

    private static async Task<Reach> ReachAsync(EarshotDbContext db, IReadOnlyCollection<Guid>? workspaceIds, IReadOnlyCollection<CaseFacts> cases, CancellationToken cancellationToken)
    {
        var workspaces = await db.Workspaces.AsNoTracking().Where(w => workspaceIds == null || workspaceIds.Contains(w.Id)).ToListAsync(cancellationToken);
        var policies = workspaces.Select(w => CasePolicy.Parse(w.CasePolicyJson)).ToList();
        var enabled = policies.FirstOrDefault(p => p.ReachFactorEnabled);
        var perTenfold = enabled?.ReachMinutesPerTenfold ?? 0;
        var headStart = FollowerTiers.All.ToDictionary(tier => tier, tier =>
        {
            var inTier = cases.Where(c => FollowerTiers.Of(c.Followers) == tier).ToList();
            return inTier.Count == 0 || enabled is null ? 0 : Math.Round(inTier.Average(c => perTenfold * Math.Log10((c.Followers ?? 0) + 1)), 1);
        });
        var changes = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Kind == Core.Access.AuditKinds.ReachFactorChanged && (workspaceIds == null || (a.WorkspaceId != null && workspaceIds.Contains(a.WorkspaceId.Value))))
            .OrderBy(a => a.At)
            .Select(a => new { a.At, a.DataJson, By = db.Users.Where(u => u.Id == a.ActorId).Select(u => u.Email).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return new Reach(enabled is not null, perTenfold, headStart,
            changes.Select(c => new ReachChange(c.At, c.By, JsonDocument.Parse(c.DataJson).RootElement.GetProperty("enabled").GetBoolean())).ToList());
    }
}
