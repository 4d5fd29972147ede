using Earshot.Engine.Cases;

namespace Earshot.Cases;

/// <summary>A page of a case list as the API answers it and the inbox shows it.</summary>
public sealed record CaseList(IReadOnlyList<CaseListItem> Items, int Total, string? NextCursor);

/// <summary>What a list asks for: status, view, team (name or id), assignee ("me" or an id), where to start, how many.</summary>
public sealed record CaseListQuery(string? Status, string? View, string? Team, string? Assignee, string? Cursor, int Size);

/// <summary>
/// Reads a case list for the API and the inbox page alike: the status and view resolved to a filter, narrowed by
/// team and assignee, paged by cursor with the total. First pages come from the snapshots a whole floor shares
/// (<see cref="CasePages"/>).
/// </summary>
public sealed class CaseLists(EarshotDbContext db, AccessScope scope, CasePages pages, TimeProvider clock)
{
    /// <summary>The list, or the field at fault and why.</summary>
    public sealed record Answer(CaseList? List, string? Field = null, Phrase? Error = null);

    public async Task<Answer> LoadAsync(CaseListQuery query, CancellationToken cancellationToken)
    {
        if (query.Size is < 1 or > CaseListing.MaxPageSize)
            return new(null, "limit", new Phrase("limit is 1 to {0}", CaseListing.MaxPageSize));
        var resolved = await CaseViews.ResolveAsync(db, query.Status, query.View, scope.UserId, cancellationToken);
        if (resolved.Filter is not { } filter)
            return new(null, resolved.Field, resolved.Error);
        List<Guid>? teamIds = null;
        if (!string.IsNullOrWhiteSpace(query.Team))
        {
            teamIds = await db.Teams.AsNoTracking().Where(t => t.Name == query.Team || t.Id.ToString() == query.Team).Select(t => t.Id).ToListAsync(cancellationToken);
            if (teamIds.Count == 0)
                return new(null, "team", new Phrase("no team '{0}'", query.Team));
            filter = filter with { TeamIds = filter.TeamIds is { } viewTeams ? [.. viewTeams.Intersect(teamIds)] : teamIds };
        }
        if (query.Assignee is { Length: > 0 } assignee)
        {
            if (assignee == "me")
                filter = filter with { AssigneeId = scope.UserId };
            else if (Guid.TryParse(assignee, out var parsed))
                filter = filter with { AssigneeId = parsed };
            else
                return new(null, "assignee", new Phrase("use 'me' or a user id"));
        }
        CaseCursor? after = null;
        if (query.Cursor is { Length: > 0 } cursorText && (after = CaseCursor.Decode(cursorText, filter.QueueOrdered)) is null)
            return new(null, "cursor", new Phrase("not a cursor this list handed out; start again without one"));

        // First pages are what a floor looks at: shared per view. Pages after a cursor are read as asked.
        var page = await pages.PageAsync(db, await scope.WorkspaceIdsAsync(cancellationToken), filter, after, query.Size, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var items = page.Cases.Select(c => (c, c.Queued ? (double?)(c.Priority + c.DeadlineBoost + Math.Max(0, (now - (c.WaitingSince ?? c.UpdatedAt)).TotalMinutes)) : null)).ToList();
        return new(new CaseList(await CaseListItem.ForAsync(db, items, now, cancellationToken), page.Total, page.NextCursor));
    }
}
