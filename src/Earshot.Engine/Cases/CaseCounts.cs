using Earshot.Core.Cases;
using Earshot.Engine.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Earshot.Engine.Cases;

/// <summary>A view with its name to show and how many cases it holds.</summary>
public sealed record ViewCount(string View, string Name, int Count);

/// <summary>How many cases each inbox view holds; <see cref="Assigned"/> gives each person's "mine".</summary>
public sealed record InboxCounts(
    int Open, int PendingCustomer, int Resolved, int Unassigned, int AtRisk, int Breached,
    IReadOnlyList<ViewCount> Teams, IReadOnlyList<ViewCount> Channels, IReadOnlyList<ViewCount> Tags)
{
    /// <summary>Waiting cases per assignee.</summary>
    public IReadOnlyDictionary<Guid, int> Assigned { get; init; } = new Dictionary<Guid, int>();

    /// <summary>The waiting cases <paramref name="userId"/> holds (the "mine" view).</summary>
    public int MineOf(Guid userId) => Assigned.GetValueOrDefault(userId);

    public static readonly InboxCounts Empty = new(0, 0, 0, 0, 0, 0, [], [], []);
}

/// <summary>
/// Counts the inbox's views: a COUNT per status view on an indexed column, and one grouped query each for teams,
/// channels, assignees ("mine") and tags of the waiting cases. A whole floor looks at the same counts, so they are shared per set of
/// workspaces (<see cref="SharedSnapshots{T}"/>): served from memory, re-counted in the background at most once per
/// <see cref="Lifetime"/>, and nobody waits for a count but the first to ask for a set of workspaces and those asking
/// right after a case changed on this node (<see cref="Invalidate"/>, on every <c>case.*</c> event), who share one
/// count that sees the change. Lists take their <c>total</c> from the same counts (<see cref="TotalFor"/>).
/// </summary>
public sealed class CaseCounts
{
    /// <summary>Tags shown with a count: the most used ones among waiting cases.</summary>
    public const int TopTags = 20;

    /// <summary>How old shared counts may be when the change happened on another node.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly IDbContextFactory<EarshotDbContext> _contexts;
    private readonly CaseSettings _settings;
    private readonly TimeProvider _clock;
    private readonly SharedSnapshots<InboxCounts> _snapshots;

    public CaseCounts(IDbContextFactory<EarshotDbContext> contexts, CaseSettings settings, TimeProvider clock, EventBus? bus = null, ILogger<CaseCounts>? logger = null)
    {
        _contexts = contexts;
        _settings = settings;
        _clock = clock;
        _snapshots = new SharedSnapshots<InboxCounts>(clock, Lifetime, 1_000, (ILogger?)logger ?? NullLogger.Instance);
        if (bus is not null)
            bus.Published += e =>
            {
                if (e.Type.StartsWith("case.", StringComparison.Ordinal))
                    Invalidate();
            };
    }

    /// <summary>Every shared count misses a change: the next requests wait for a count that sees it.</summary>
    public void Invalidate() => _snapshots.Invalidate();

    /// <summary>The counts for the caller's workspaces (<paramref name="workspaceIds"/>, null for all).</summary>
    public Task<InboxCounts> ForAsync(IReadOnlyCollection<Guid>? workspaceIds, CancellationToken cancellationToken) =>
        _snapshots.GetAsync(workspaceIds is null ? "*" : string.Join(',', workspaceIds.Order()), async token =>
        {
            await using var db = await _contexts.CreateDbContextAsync(token);
            return await CountAsync(db, _settings, _clock.GetUtcNow().UtcDateTime, token);
        }, cancellationToken);

    /// <summary>
    /// How many cases <paramref name="filter"/> covers, when it is exactly one of the counted views (open, pending
    /// customer, resolved, unassigned, SLA at risk, breached, one team, one channel, one of the top tags); otherwise null.
    /// </summary>
    public static int? TotalFor(InboxCounts counts, CaseFilter filter)
    {
        var narrowed = (filter.AssigneeId is not null ? 1 : 0) + (filter.Unassigned ? 1 : 0) + (filter.Sla != SlaState.Any ? 1 : 0)
            + (filter.TeamIds is not null ? 1 : 0) + (filter.ChannelId is not null ? 1 : 0) + (filter.Tag is not null ? 1 : 0);
        if (!filter.Queued)
            return narrowed > 0 ? null : filter.Status switch
            {
                CaseStatus.PendingCustomer => counts.PendingCustomer,
                CaseStatus.Resolved => counts.Resolved,
                _ => null,
            };
        if (narrowed > 1)
            return null;
        if (filter.AssigneeId is { } assignee)
            return counts.MineOf(assignee);
        if (filter.Unassigned)
            return counts.Unassigned;
        if (filter.Sla == SlaState.AtRisk)
            return counts.AtRisk;
        if (filter.Sla == SlaState.Breached)
            return counts.Breached;
        if (filter.TeamIds is { } teams)
            return teams.Count == 1 ? Of(counts.Teams, "team:" + teams.First()) ?? 0 : null;
        if (filter.ChannelId is { } channel)
            return Of(counts.Channels, "channel:" + channel) ?? 0;
        if (filter.Tag is { } tag)
            return Of(counts.Tags, "tag:" + tag); // only the top tags are counted
        return counts.Open;
    }

    private static int? Of(IReadOnlyList<ViewCount> views, string view)
    {
        foreach (var v in views)
            if (string.Equals(v.View, view, StringComparison.Ordinal))
                return v.Count;
        return null;
    }

    /// <summary>Counts straight from the database, through <paramref name="db"/>'s workspace filter.</summary>
    public static async Task<InboxCounts> CountAsync(EarshotDbContext db, CaseSettings settings, DateTime now, CancellationToken cancellationToken)
    {
        var windows = await SlaWindows.LoadAsync(db, settings, cancellationToken);
        var cases = db.Cases.AsNoTracking();
        var waiting = cases.Where(c => c.Queued);
        var open = await waiting.CountAsync(cancellationToken);
        var pending = await cases.CountAsync(c => c.Status == CaseStatus.PendingCustomer, cancellationToken);
        var resolved = await cases.CountAsync(c => c.Status == CaseStatus.Resolved, cancellationToken);
        var unassigned = await waiting.CountAsync(c => c.AssigneeId == null, cancellationToken);
        var atRisk = await new CaseFilter { Sla = SlaState.AtRisk }.Apply(cases, now, windows).CountAsync(cancellationToken);
        var breached = await new CaseFilter { Sla = SlaState.Breached }.Apply(cases, now, windows).CountAsync(cancellationToken);

        var byTeam = await waiting.Where(c => c.TeamId != null).GroupBy(c => c.TeamId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var teamIds = byTeam.Select(t => t.Id).ToList();
        var teamNames = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var byAssignee = await waiting.Where(c => c.AssigneeId != null).GroupBy(c => c.AssigneeId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(a => a.Id, a => a.Count, cancellationToken);
        var byChannel = await waiting.GroupBy(c => c.ChannelId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var channelIds = byChannel.Select(c => c.Id).ToList();
        var channelNames = await db.Channels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        // Tags live in a JSON list, which SQLite cannot group through the workspace filter: the tagged waiting cases'
        // lists are read (untagged cases are skipped in the database) and counted here.
        var tagLists = await waiting.Where(c => c.Tags.Count > 0).Select(c => c.Tags).ToListAsync(cancellationToken);
        var byTag = tagLists.SelectMany(tags => tags.Distinct()).GroupBy(t => t, StringComparer.Ordinal).Select(g => new { Tag = g.Key, Count = g.Count() })
            .OrderByDescending(t => t.Count).ThenBy(t => t.Tag, StringComparer.Ordinal).Take(TopTags).ToList();

        return new InboxCounts(open, pending, resolved, unassigned, atRisk, breached,
            byTeam.Select(t => new ViewCount("team:" + t.Id, teamNames.GetValueOrDefault(t.Id) ?? "?", t.Count)).OrderBy(v => v.Name, StringComparer.Ordinal).ToList(),
            byChannel.Select(c => new ViewCount("channel:" + c.Id, channelNames.GetValueOrDefault(c.Id) ?? "?", c.Count)).OrderBy(v => v.Name, StringComparer.Ordinal).ToList(),
            byTag.Select(t => new ViewCount("tag:" + t.Tag, t.Tag, t.Count)).ToList())
        {
            Assigned = byAssignee,
        };
    }
}
