using Earshot.Core.Cases;
using Microsoft.EntityFrameworkCore.Query;

namespace Earshot.Engine.Cases;

/// <summary>Where a case stands against its SLA deadline, as the inbox's views ask.</summary>
public enum SlaState { Any, AtRisk, Breached }

/// <summary>
/// Which cases a list or a count covers: a status ("open" is every case waiting on us: new or open; null is all),
/// narrowed by a view (mine, unassigned, SLA at risk, breached, a team, a channel, a tag). The workspace filter of
/// the storage is always in force on top.
/// </summary>
public sealed record CaseFilter
{
    /// <summary>Waiting on us (new or open): listed in queue order.</summary>
    public bool Queued { get; init; } = true;
    /// <summary>One exact status; only when <see cref="Queued"/> is false (null there means every status).</summary>
    public CaseStatus? Status { get; init; }
    public Guid? AssigneeId { get; init; }
    public bool Unassigned { get; init; }
    public SlaState Sla { get; init; }
    public IReadOnlyCollection<Guid>? TeamIds { get; init; }
    public Guid? ChannelId { get; init; }
    public string? Tag { get; init; }

    /// <summary>Whether the list is in queue order (rank key) rather than newest first.</summary>
    public bool QueueOrdered => Queued;

    /// <summary>The cases this filter covers at <paramref name="now"/>; <paramref name="warnings"/> gives each workspace's SLA warning window.</summary>
    public IQueryable<Case> Apply(IQueryable<Case> cases, DateTime now, SlaWindows warnings)
    {
        if (Queued)
            cases = cases.Where(c => c.Queued);
        else if (Status is { } status)
            cases = cases.Where(c => c.Status == status);
        if (AssigneeId is { } assignee)
            cases = cases.Where(c => c.AssigneeId == assignee);
        if (Unassigned)
            cases = cases.Where(c => c.AssigneeId == null);
        if (TeamIds is { } teams)
            cases = cases.Where(c => c.TeamId != null && teams.Contains(c.TeamId.Value));
        if (ChannelId is { } channel)
            cases = cases.Where(c => c.ChannelId == channel);
        if (Tag is { } tag)
            cases = cases.Where(c => c.Tags.Contains(tag));
        return Sla switch
        {
            SlaState.Breached => cases.Where(c => c.DueAt != null && c.DueAt <= now),
            SlaState.AtRisk => warnings.Near(cases.Where(c => c.DueAt != null && c.DueAt > now), now),
            _ => cases,
        };
    }
}

/// <summary>
/// Each workspace's SLA warning window (<see cref="CasePolicy.SlaWarningMinutes"/>): a case is "at risk" when its
/// deadline is ahead but inside its workspace's window, the same "near" that raises it in the queue.
/// </summary>
public sealed class SlaWindows(IReadOnlyDictionary<Guid, double> minutesByWorkspace)
{
    /// <summary>For filters that do not ask about SLA risk.</summary>
    public static readonly SlaWindows None = new(new Dictionary<Guid, double>());

    public static async Task<SlaWindows> LoadAsync(EarshotDbContext db, CaseSettings settings, CancellationToken cancellationToken)
    {
        var workspaces = await db.Workspaces.AsNoTracking().Select(w => w.Id).ToListAsync(cancellationToken);
        var minutes = new Dictionary<Guid, double>();
        foreach (var id in workspaces)
            minutes[id] = (await settings.ForAsync(id, cancellationToken)).Policy.SlaWarningMinutes;
        return new SlaWindows(minutes);
    }

    public IQueryable<Case> Near(IQueryable<Case> cases, DateTime now)
    {
        var groups = minutesByWorkspace.GroupBy(w => w.Value).Select(g => (Limit: now.AddMinutes(g.Key), Ids: g.Select(w => w.Key).ToList())).ToList();
        if (groups.Count == 0)
            return cases.Where(c => false);
        if (groups.Count == 1)
        {
            // The usual case: one window for every visible workspace (the query is already limited to them).
            var limit = groups[0].Limit;
            return cases.Where(c => c.DueAt <= limit);
        }
        var parameter = System.Linq.Expressions.Expression.Parameter(typeof(Case), "c");
        System.Linq.Expressions.Expression? any = null;
        foreach (var (limit, ids) in groups)
        {
            System.Linq.Expressions.Expression<Func<Case, bool>> part = c => ids.Contains(c.WorkspaceId) && c.DueAt <= limit;
            var body = ReplacingExpressionVisitor.Replace(part.Parameters[0], parameter, part.Body);
            any = any is null ? body : System.Linq.Expressions.Expression.OrElse(any, body);
        }
        return cases.Where(System.Linq.Expressions.Expression.Lambda<Func<Case, bool>>(any!, parameter));
    }
}
