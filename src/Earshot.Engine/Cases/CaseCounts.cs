using System.Collections.Concurrent;
using Earshot.Core.Cases;

namespace Earshot.Engine.Cases;

/// <summary>A view with its name to show and how many cases it holds.</summary>
public sealed record ViewCount(string View, string Name, int Count);

/// <summary>How many cases each inbox view holds (the per-person "mine" is counted apart, see <see cref="CaseCounts.MineAsync"/>).</summary>
public sealed record InboxCounts(
    int Open, int PendingCustomer, int Resolved, int Unassigned, int AtRisk, int Breached,
    IReadOnlyList<ViewCount> Teams, IReadOnlyList<ViewCount> Channels, IReadOnlyList<ViewCount> Tags);

/// <summary>
/// Counts the inbox's views: a COUNT per status view on an indexed column, and one grouped query each for teams,
/// channels and tags of the waiting cases. A whole floor looks at the same counts, so they are shared per set of
/// workspaces and are at most <see cref="Lifetime"/> old: the first request after that re-counts while the others
/// are served the previous counts, so at most one count per set is in flight and nobody waits for it but the one who
/// started it. A person's own bulk action shows at once (<see cref="Invalidate"/>); other changes within a second.
/// </summary>
public sealed class CaseCounts(IDbContextFactory<EarshotDbContext> contexts, CaseSettings settings, TimeProvider clock)
{
    /// <summary>Tags shown with a count: the most used ones among waiting cases.</summary>
    public const int TopTags = 20;

    /// <summary>How old shared counts may be.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private long _generation;

    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public volatile Snapshot? Snapshot;
    }

    private sealed record Snapshot(InboxCounts Counts, DateTime At);

    /// <summary>Drops every shared count, so the next request counts afresh (after a change the caller must see).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        foreach (var entry in _entries.Values)
            entry.Snapshot = null;
    }

    /// <summary>The counts for the caller's workspaces (<paramref name="workspaceIds"/>, null for all), at most <see cref="Lifetime"/> old.</summary>
    public async Task<InboxCounts> ForAsync(IReadOnlyCollection<Guid>? workspaceIds, CancellationToken cancellationToken)
    {
        var key = workspaceIds is null ? "*" : string.Join(',', workspaceIds.Order());
        if (_entries.Count > 1_000)
            _entries.Clear();
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        var snapshot = entry.Snapshot;
        if (snapshot is not null && clock.GetUtcNow().UtcDateTime - snapshot.At <= Lifetime)
            return snapshot.Counts;
        // Stale: whoever gets the gate re-counts; the others keep the previous counts meanwhile (none yet: they wait).
        if (snapshot is not null && !await entry.Gate.WaitAsync(0, cancellationToken))
            return snapshot.Counts;
        if (snapshot is null)
            await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.Snapshot is { } fresh && clock.GetUtcNow().UtcDateTime - fresh.At <= Lifetime)
                return fresh.Counts;
            var started = clock.GetUtcNow().UtcDateTime;
            var generation = Interlocked.Read(ref _generation);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var counts = await CountAsync(db, settings, started, cancellationToken);
            // Counts begun before an invalidation may miss the change it announced: they answer this request only.
            if (Interlocked.Read(ref _generation) == generation)
                entry.Snapshot = new Snapshot(counts, started);
            return counts;
        }
        finally
        {
            entry.Gate.Release();
        }
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
            byTag.Select(t => new ViewCount("tag:" + t.Tag, t.Tag, t.Count)).ToList());
    }

    /// <summary>The caller's own waiting cases (one probe of the assignee index).</summary>
    public static Task<int> MineAsync(EarshotDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking().CountAsync(c => c.Queued && c.AssigneeId == userId, cancellationToken);
}
