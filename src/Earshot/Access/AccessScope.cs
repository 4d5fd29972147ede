using System.Security.Claims;
using Earshot.Core.Workspaces;

namespace Earshot.Access;

/// <summary>
/// Who is asking and which workspaces they may see, for one request. Admins see every workspace; everyone else
/// only the ones they belong to. The guarantee is storage's workspace filter (<c>Storage/Tenancy</c>), which
/// <see cref="CallerWorkspaces"/> puts in force from <see cref="WorkspaceIdsAsync"/>; the ids are also handed to code
/// that names workspaces itself (the queue's SQL and its per-view snapshots, report groupings).
/// </summary>
public sealed class AccessScope(IHttpContextAccessor http, IDbContextFactory<EarshotDbContext> contexts)
{
    private HashSet<Guid>? _workspaces;

    public ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    public Guid? UserId => User.UserId();

    public string Role => User.Role();

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>The workspaces the user belongs to; null for an admin, who sees all.</summary>
    public async Task<HashSet<Guid>?> WorkspaceIdsAsync(CancellationToken cancellationToken)
    {
        if (IsAdmin)
            return null;
        if (_workspaces is not null)
            return _workspaces;
        var userId = UserId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.WorkspaceMembers.Where(m => m.UserId == userId).Select(m => m.WorkspaceId).ToListAsync(cancellationToken);
        return _workspaces = [.. ids];
    }

    public async Task<bool> AllowsAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        await WorkspaceIdsAsync(cancellationToken) is not { } ids || ids.Contains(workspaceId);

    /// <summary>Narrows a query to the user's workspaces.</summary>
    public async Task<IQueryable<T>> FilterAsync<T>(IQueryable<T> query, System.Linq.Expressions.Expression<Func<T, Guid>> workspaceOf, CancellationToken cancellationToken)
    {
        if (await WorkspaceIdsAsync(cancellationToken) is not { } ids)
            return query;
        var list = ids.ToList();
        var parameter = workspaceOf.Parameters[0];
        var contains = System.Linq.Expressions.Expression.Call(
            typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)],
            System.Linq.Expressions.Expression.Constant(list), workspaceOf.Body);
        return query.Where(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(contains, parameter));
    }
}
