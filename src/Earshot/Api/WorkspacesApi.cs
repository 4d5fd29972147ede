using Earshot.Core.Access;
using Earshot.Core.Workspaces;
using Earshot.Engine.Audit;

namespace Earshot.Api;

/// <summary>
/// `/api/workspaces`: the brands this server serves. Creating one is an admin's deliberate act; no other endpoint
/// creates a workspace by being given a new name.
/// </summary>
public static class WorkspacesApi
{
    public const int MaxNameLength = 100;

    public static void MapWorkspacesApi(this WebApplication app)
    {
        var workspaces = app.MapGroup("/api/workspaces").WithTags("Workspaces");
        workspaces.MapGet("/", ListAsync).WithName("ListWorkspaces")
            .WithDescription("The workspaces the caller belongs to (every one, for an admin).");
        workspaces.MapPost("/", CreateAsync).RequireAuthorization(Access.AccessServices.AdminOnly).WithName("CreateWorkspace");
    }

    public sealed record WorkspaceView(Guid Id, string Name, IReadOnlyList<string> BrandNames, IReadOnlyList<string> CompetitorNames);

    public sealed record CreateRequest(string? Name, List<string>? BrandNames, List<string>? CompetitorNames);

    private static async Task<IResult> ListAsync(EarshotDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Workspaces.AsNoTracking().OrderBy(w => w.Name)
            .Select(w => new WorkspaceView(w.Id, w.Name, w.BrandNames, w.CompetitorNames)).ToListAsync(cancellationToken));

    private static async Task<IResult> CreateAsync(
        CreateRequest request, EarshotDbContext db, Access.AccessScope scope, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            return ApiProblems.Field("name", new Phrase("'name' is required"));
        if (name.Length > MaxNameLength || name.Any(char.IsControl))
            return ApiProblems.Field("name", new Phrase("'name' is 1 to {0} printable characters", MaxNameLength));
        if (await db.Workspaces.AnyAsync(w => w.Name == name, cancellationToken))
            return ApiProblems.Field("name", new Phrase("a workspace named '{0}' exists", name), 409);
        var now = clock.GetUtcNow().UtcDateTime;
        var workspace = new Workspace
        {
            Name = name,
            BrandNames = Cleaned(request.BrandNames) is { Count: > 0 } brands ? brands : [name],
            CompetitorNames = Cleaned(request.CompetitorNames),
            CreatedAt = now,
        };
        db.Workspaces.Add(workspace);
        audit.Add(db, AuditKinds.WorkspaceCreated, AuditActor.User(scope.UserId), workspace.Id, new { name });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/workspaces/{workspace.Id}",
            new WorkspaceView(workspace.Id, workspace.Name, workspace.BrandNames, workspace.CompetitorNames));
    }

    private static List<string> Cleaned(List<string>? names) =>
        names?.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList() ?? [];
}
