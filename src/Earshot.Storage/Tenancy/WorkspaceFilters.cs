using System.Linq.Expressions;
using Earshot.Core.Access;
using Earshot.Core.Alerts;
using Earshot.Core.Alerts.Delivery;
using Earshot.Core.Topics;
using Earshot.Core.Understanding;
using Earshot.Core.Understanding.Learning;

namespace Earshot.Storage.Tenancy;

/// <summary>
/// The query filters that keep each workspace's rows from callers outside it. Every <see cref="IWorkspaceOwned"/>
/// entity is filtered by its own column; rows that belong to a workspace through a parent (a post's revisions, a
/// case's events, a webhook's deliveries) are filtered through that parent; users are visible to themselves, to
/// members of a shared workspace, and (admins) to everyone. A new workspace-owned entity is covered by implementing
/// the interface; a new child must be listed here, which <c>WorkspaceFiltersTests</c> checks for every entity.
/// </summary>
internal static class WorkspaceFilters
{
    /// <summary>The filter's name, for the rare query that must lift it (<c>IgnoreQueryFilters([WorkspaceFilters.Name])</c>).</summary>
    public const string Name = "workspace";

    /// <summary>Entities that belong to no workspace: the server's own bookkeeping and the shared trained models.</summary>
    public static readonly IReadOnlySet<Type> Global = new HashSet<Type>
    {
        typeof(InboundDelivery), typeof(TrainedModel), typeof(ReclassifyJob), typeof(PrivateHostAllowance),
    };

    public static void Apply(ModelBuilder model, EarshotDbContext db)
    {
        foreach (var type in model.Model.GetEntityTypes().Where(t => typeof(IWorkspaceOwned).IsAssignableFrom(t.ClrType)).ToList())
        {
            var owned = typeof(WorkspaceFilters).GetMethod(nameof(Owned), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
            owned.MakeGenericMethod(type.ClrType).Invoke(null, [model, db]);
        }

        Filter<Workspace>(model, w => db.Unrestricted || db.VisibleWorkspaceIds.Contains(w.Id));
        // Admins work on every workspace, so everyone may see (and @mention) them.
        Filter<User>(model, u => db.Unrestricted || u.Id == db.ScopedUserId || u.Role == Roles.Admin
            || db.Set<WorkspaceMember>().Any(m => m.UserId == u.Id && db.VisibleWorkspaceIds.Contains(m.WorkspaceId)));
        Filter<ApiToken>(model, t => db.Unrestricted || t.UserId == db.ScopedUserId);
        // A saved view is its owner's alone (API and pages also ask for the caller's own: admins are unrestricted).
        Filter<SavedView>(model, v => db.Unrestricted || v.UserId == db.ScopedUserId);
        Filter<AuditEvent>(model, a => db.Unrestricted || (a.WorkspaceId != null && db.VisibleWorkspaceIds.Contains(a.WorkspaceId.Value)));
        Filter<TeamMember>(model, m => db.Unrestricted || db.Set<Team>().Any(t => t.Id == m.TeamId && db.VisibleWorkspaceIds.Contains(t.WorkspaceId)));

        Filter<Author>(model, a => db.Unrestricted || db.Set<Channel>().Any(c => c.Id == a.ChannelId && db.VisibleWorkspaceIds.Contains(c.WorkspaceId)));
        Filter<CustomerLink>(model, l => db.Unrestricted || db.Set<Author>().Any(a => a.Id == l.AuthorId
            && db.Set<Channel>().Any(c => c.Id == a.ChannelId && db.VisibleWorkspaceIds.Contains(c.WorkspaceId))));
        Filter<PostRevision>(model, r => db.Unrestricted || db.Set<Post>().Any(p => p.Id == r.PostId && db.VisibleWorkspaceIds.Contains(p.WorkspaceId)));
        Filter<PostAttachment>(model, a => db.Unrestricted || db.Set<Post>().Any(p => p.Id == a.PostId && db.VisibleWorkspaceIds.Contains(p.WorkspaceId)));
        Filter<LabelledExample>(model, e => db.Unrestricted || db.Set<Post>().Any(p => p.Id == e.PostId && db.VisibleWorkspaceIds.Contains(p.WorkspaceId)));
        Filter<TopicMatch>(model, m => db.Unrestricted || db.Set<Post>().Any(p => p.Id == m.PostId && db.VisibleWorkspaceIds.Contains(p.WorkspaceId)));
        Filter<Classification>(model, c => db.Unrestricted || db.Set<Post>().Any(p => p.Id == c.PostId && db.VisibleWorkspaceIds.Contains(p.WorkspaceId)));

        Filter<CaseEvent>(model, e => db.Unrestricted || db.Set<Case>().Any(c => c.Id == e.CaseId && db.VisibleWorkspaceIds.Contains(c.WorkspaceId)));
        Filter<CasePost>(model, cp => db.Unrestricted || db.Set<Case>().Any(c => c.Id == cp.CaseId && db.VisibleWorkspaceIds.Contains(c.WorkspaceId)));

        Filter<AlertEvent>(model, e => db.Unrestricted || db.Set<Alert>().Any(a => a.Id == e.AlertId && db.VisibleWorkspaceIds.Contains(a.WorkspaceId)));
        Filter<EmailDelivery>(model, d => db.Unrestricted || db.Set<Alert>().Any(a => a.Id == d.AlertId && db.VisibleWorkspaceIds.Contains(a.WorkspaceId)));
        Filter<WebhookDelivery>(model, d => db.Unrestricted || db.Set<Webhook>().Any(w => w.Id == d.WebhookId && db.VisibleWorkspaceIds.Contains(w.WorkspaceId)));
    }

    private static void Owned<T>(ModelBuilder model, EarshotDbContext db) where T : class, IWorkspaceOwned =>
        Filter<T>(model, e => db.Unrestricted || db.VisibleWorkspaceIds.Contains(e.WorkspaceId));

    private static void Filter<T>(ModelBuilder model, Expression<Func<T, bool>> filter) where T : class =>
        model.Entity<T>().HasQueryFilter(Name, filter);
}
