using System.Globalization;
using Earshot.Engine.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Earshot.Engine.Cases;

/// <summary>
/// Pages of the inbox's views as the API and the page serve them. The first page of each view is shared by everyone
/// who looks at it (<see cref="SharedSnapshots{T}"/>, per view and set of workspaces): served from memory, read again
/// in the background at most once per <see cref="CaseQueue.SnapshotLifetime"/>, and at once (the next readers waiting
/// for it) when a case changed on this node. Later pages, which follow a cursor, are read from the database each
/// time. The <c>total</c> of a counted view comes from the shared counts (<see cref="CaseCounts.TotalFor"/>), so no
/// list counts its cases per request; other lists (a person's own cases, several narrowings at once) count theirs.
/// </summary>
public sealed class CasePages
{
    private readonly IDbContextFactory<EarshotDbContext> _contexts;
    private readonly CaseSettings _settings;
    private readonly CaseCounts _counts;
    private readonly TimeProvider _clock;
    private readonly SharedSnapshots<CasePage> _firstPages;

    public CasePages(IDbContextFactory<EarshotDbContext> contexts, CaseSettings settings, CaseCounts counts, TimeProvider clock, EventBus? bus = null,
        ILogger<CasePages>? logger = null)
    {
        _contexts = contexts;
        _settings = settings;
        _counts = counts;
        _clock = clock;
        _firstPages = new SharedSnapshots<CasePage>(clock, CaseQueue.SnapshotLifetime, 10_000, (ILogger?)logger ?? NullLogger.Instance);
        if (bus is not null)
            bus.Published += e =>
            {
                if (e.Type.StartsWith("case.", StringComparison.Ordinal))
                    _firstPages.Invalidate();
            };
    }

    /// <summary>
    /// A page of <paramref name="filter"/> for the caller's workspaces (<paramref name="workspaceIds"/>, null for all):
    /// the shared first page, or the page after <paramref name="after"/> read through <paramref name="db"/>.
    /// </summary>
    public async Task<CasePage> PageAsync(EarshotDbContext db, IReadOnlyCollection<Guid>? workspaceIds, CaseFilter filter, CaseCursor? after, int size,
        CancellationToken cancellationToken)
    {
        var total = CaseCounts.TotalFor(await _counts.ForAsync(workspaceIds, cancellationToken), filter);
        if (after is null)
        {
            var first = await _firstPages.GetAsync(Key(workspaceIds, filter, size, total is null), token => ReadAsync(filter, null, size, total is null, token), cancellationToken);
            return total is { } counted ? first with { Total = counted } : first;
        }
        var now = _clock.GetUtcNow().UtcDateTime;
        var windows = filter.Sla == SlaState.AtRisk ? await SlaWindows.LoadAsync(db, _settings, cancellationToken) : SlaWindows.None;
        var page = await CaseListing.PageAsync(db, filter, windows, after, size, now, cancellationToken, counted: total is null);
        return total is { } known ? page with { Total = known } : page;
    }

    private async Task<CasePage> ReadAsync(CaseFilter filter, CaseCursor? after, int size, bool counted, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var windows = filter.Sla == SlaState.AtRisk ? await SlaWindows.LoadAsync(db, _settings, cancellationToken) : SlaWindows.None;
        return await CaseListing.PageAsync(db, filter, windows, after, size, now, cancellationToken, counted);
    }

    private static string Key(IReadOnlyCollection<Guid>? workspaceIds, CaseFilter filter, int size, bool counted) => string.Join('|',
        workspaceIds is null ? "*" : string.Join(',', workspaceIds.Order()),
        filter.Queued ? "queued" : filter.Status?.ToString() ?? "all",
        filter.AssigneeId?.ToString() ?? "", filter.Unassigned ? "u" : "", filter.Sla.ToString(),
        filter.TeamIds is null ? "*" : string.Join(',', filter.TeamIds.Order()),
        filter.ChannelId?.ToString() ?? "", filter.Tag ?? "", size.ToString(CultureInfo.InvariantCulture), counted ? "n" : "");
}
