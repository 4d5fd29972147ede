using System.Collections.Concurrent;
using Earshot.Core.Cases;
using Earshot.Engine.Pipeline;

namespace Earshot.Engine.Cases;

/// <summary>A view with its name to show and how many cases it holds.</summary>
public sealed record ViewCount(string View, string Name, int Count);

/// <summary>How many cases each inbox view holds (the per-person "mine" is counted apart, see <see cref="CaseCounts.MineAsync"/>).</summary>
public sealed record InboxCounts(
    int Open, int PendingCustomer, int Resolved, int Unassigned, int AtRisk, int Breached,
    IReadOnlyList<ViewCount> Teams, IReadOnlyList<ViewCount> Channels, IReadOnlyList<ViewCount> Tags);

/// <summary>
/// Counts the inbox's views: a COUNT per status view on an indexed column, and one grouped query each for teams,
/// channels and tags of the waiting cases. A whole floor looks at the same counts, so they are read at most once per
/// <see cref="CaseQueue.SnapshotLifetime"/> per set of workspaces, and again when a case changed on this node, with
/// one read in flight per set (as <see cref="CaseQueue"/> does for the listing).
/// </summary>
public sealed class CaseCounts
{
    /// <summary>Tags shown with a count: the most used ones among waiting cases.</summary>
    public const int TopTags = 20;

    private readonly IDbContextFactory<EarshotDbContext> _contexts;
    private readonly CaseSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private long _version;

    public CaseCounts(IDbContextFactory<EarshotDbContext> contexts, CaseSettings settings, TimeProvider clock, EventBus? bus = null)
    {
        _contexts = contexts;
        _settings = settings;
        _clock = clock;
        if (bus is not null)
            bus.Published += e =>
            {
                if (e.Type.StartsWith("case.", StringComparison.Ordinal))
                    Interlocked.Increment(ref _version);
            };
    }

    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public volatile Snapshot? Snapshot;
    }

    private sealed record Snapshot(InboxCounts Counts, long Version, DateTime At);

    /// <summary>The counts for the caller's workspaces (<paramref name="workspaceIds"/>, null for all), at most a moment old.</summary>
    public async Task<InboxCounts> ForAsync(IReadOnlyCollection<Guid>? workspaceIds, CancellationToken cancellationToken)
    {
        var key = workspaceIds is null ? "*" : string.Join(',', workspaceIds.Order());
        var asked = _clock.GetUtcNow().UtcDateTime;
        var version = Interlocked.Read(ref _version);
        if (_entries.Count > 1_000)
            _entries.Clear();
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        if (Fresh(entry.Snapshot, version, asked) is { } ready)
            return ready;
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(entry.Snapshot, version, asked) is { } fresh)
                return fresh;
            var started = _clock.GetUtcNow().UtcDateTime;
            var startedVersion = Interlocked.Read(ref _version);
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var counts = await CountAsync(db, _settings, started, cancellationToken);
            entry.Snapshot = new Snapshot(counts, startedVersion, started);
            return counts;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private static InboxCounts? Fresh(Snapshot? snapshot, long version, DateTime asked) =>
        snapshot is not null && snapshot.Version >= version && asked - snapshot.At <= CaseQueue.SnapshotLifetime ? snapshot.Counts : null;

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
