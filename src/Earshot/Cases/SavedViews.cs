using Earshot.Core.Cases;
using Earshot.Engine.Cases;

namespace Earshot.Cases;

/// <summary>A saved view with how many cases it holds now (null when it no longer resolves, e.g. its team is gone).</summary>
public sealed record SavedViewItem(Guid Id, string Name, string Status, string? View, string? Team, int? Count, string Query);

/// <summary>
/// A person's saved inbox views: always the caller's own (the storage filter keeps them per person too, but admins
/// are unrestricted, so every read here names the owner).
/// </summary>
public sealed class SavedViews(EarshotDbContext db, AccessScope scope, CaseSettings settings, TimeProvider clock)
{
    public async Task<IReadOnlyList<SavedViewItem>> ListAsync(CancellationToken cancellationToken)
    {
        var views = await db.SavedViews.AsNoTracking().Where(v => v.UserId == scope.UserId).OrderBy(v => v.Name).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var windows = views.Count > 0 ? await SlaWindows.LoadAsync(db, settings, cancellationToken) : null;
        var items = new List<SavedViewItem>(views.Count);
        foreach (var view in views)
        {
            int? count = null;
            if (await FilterAsync(view.Status, view.View, view.Team, cancellationToken) is { } filter)
                count = await filter.Apply(db.Cases.AsNoTracking(), now, windows!).CountAsync(cancellationToken);
            items.Add(new SavedViewItem(view.Id, view.Name, view.Status, view.View, view.Team, count, QueryOf(view.Status, view.View, view.Team)));
        }
        return items;
    }

    /// <summary>The inbox's query string for a filter combination.</summary>
    public static string QueryOf(string status, string? view, string? team)
    {
        var parts = new List<string> { "status=" + Uri.EscapeDataString(status) };
        if (view is not null)
            parts.Add("view=" + Uri.EscapeDataString(view));
        if (team is not null)
            parts.Add("team=" + Uri.EscapeDataString(team));
        return string.Join('&', parts);
    }

    /// <summary>Saves the combination under a name; answers the field at fault when it cannot.</summary>
    public async Task<(SavedView? View, string? Field, Phrase? Error)> SaveAsync(string? name, string? status, string? view, string? team, CancellationToken cancellationToken)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 80)
            return (null, "name", new Phrase("name the view (at most 80 characters)"));
        status = string.IsNullOrWhiteSpace(status) ? "open" : status.Trim().ToLowerInvariant();
        view = string.IsNullOrWhiteSpace(view) ? null : view.Trim();
        team = string.IsNullOrWhiteSpace(team) ? null : team.Trim();
        var resolved = await CaseViews.ResolveAsync(db, status, view, scope.UserId, cancellationToken);
        if (resolved.Filter is null)
            return (null, resolved.Field, resolved.Error);
        if (team is not null && !await db.Teams.AnyAsync(t => t.Name == team, cancellationToken))
            return (null, "team", new Phrase("no team '{0}'", team));
        if (await db.SavedViews.AnyAsync(v => v.UserId == scope.UserId && v.Name == name, cancellationToken))
            return (null, "name", new Phrase("you already have a view named '{0}'", name));
        if (await db.SavedViews.CountAsync(v => v.UserId == scope.UserId, cancellationToken) >= SavedView.MaxPerUser)
            return (null, "name", new Phrase("at most {0} saved views; delete one first", SavedView.MaxPerUser));
        var saved = new SavedView { UserId = scope.UserId!.Value, Name = name, Status = status, View = view, Team = team, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.SavedViews.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        return (saved, null, null);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        await db.SavedViews.Where(v => v.Id == id && v.UserId == scope.UserId).ExecuteDeleteAsync(cancellationToken) > 0;

    private async Task<CaseFilter?> FilterAsync(string status, string? view, string? team, CancellationToken cancellationToken)
    {
        if ((await CaseViews.ResolveAsync(db, status, view, scope.UserId, cancellationToken)).Filter is not { } filter)
            return null;
        if (team is null)
            return filter;
        var teamIds = await db.Teams.AsNoTracking().Where(t => t.Name == team).Select(t => t.Id).ToListAsync(cancellationToken);
        return teamIds.Count == 0 ? null : filter with { TeamIds = filter.TeamIds is { } viewTeams ? [.. viewTeams.Intersect(teamIds)] : teamIds };
    }
}
