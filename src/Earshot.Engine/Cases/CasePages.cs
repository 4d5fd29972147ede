using System.Collections.Concurrent;
using System.Globalization;
using Earshot.Engine.Pipeline;

namespace Earshot.Engine.Cases;

/// <summary>
/// The first page of each inbox view with its total, shared by everyone who looks at it: read at most once per
/// <see cref="CaseQueue.SnapshotLifetime"/> per view and set of workspaces, and again at once when a case changed on
/// this node, with one read in flight per view (as <see cref="CaseQueue"/> does for the queue). Later pages, which
/// follow a cursor, are read from the database each time.
/// </summary>
public sealed class CasePages
{
    private readonly IDbContextFactory<EarshotDbContext> _contexts;
    private readonly CaseSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, View> _views = new();
    private long _version;

    public CasePages(IDbContextFactory<EarshotDbContext> contexts, CaseSettings settings, TimeProvider clock, EventBus? bus = null)
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

    private sealed class View
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public volatile Snapshot? Snapshot;
    }

    private sealed record Snapshot(CasePage Page, long Version, DateTime At)
    {
        public bool Answers(long version, DateTime asked) => Version >= version && asked - At <= CaseQueue.SnapshotLifetime;
    }

    /// <summary>The view's first page and total for the caller's workspaces (<paramref name="workspaceIds"/>, null for all).</summary>
    public async Task<CasePage> FirstPageAsync(IReadOnlyCollection<Guid>? workspaceIds, CaseFilter filter, int size, CancellationToken cancellationToken)
    {
        var key = Key(workspaceIds, filter, size);
        var asked = _clock.GetUtcNow().UtcDateTime;
        var version = Interlocked.Read(ref _version);
        if (_views.Count > 10_000)
            _views.Clear(); // views are few; this only guards against a caller inventing endless filters
        var view = _views.GetOrAdd(key, _ => new View());
        if (view.Snapshot is { } ready && ready.Answers(version, asked))
            return ready.Page;
        await view.Gate.WaitAsync(cancellationToken);
        try
        {
            if (view.Snapshot is { } fresh && fresh.Answers(version, asked))
                return fresh.Page;
            var started = _clock.GetUtcNow().UtcDateTime;
            var startedVersion = Interlocked.Read(ref _version);
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var windows = filter.Sla == SlaState.AtRisk ? await SlaWindows.LoadAsync(db, _settings, cancellationToken) : SlaWindows.None;
            var page = await CaseListing.PageAsync(db, filter, windows, null, size, started, cancellationToken);
            view.Snapshot = new Snapshot(page, startedVersion, started);
            return page;
        }
        finally
        {
            view.Gate.Release();
        }
    }

    private static string Key(IReadOnlyCollection<Guid>? workspaceIds, CaseFilter filter, int size) => string.Join('|',
        workspaceIds is null ? "*" : string.Join(',', workspaceIds.Order()),
        filter.Queued ? "queued" : filter.Status?.ToString() ?? "all",
        filter.AssigneeId?.ToString() ?? "", filter.Unassigned ? "u" : "", filter.Sla.ToString(),
        filter.TeamIds is null ? "*" : string.Join(',', filter.TeamIds.Order()),
        filter.ChannelId?.ToString() ?? "", filter.Tag ?? "", size.ToString(CultureInfo.InvariantCulture));
}
