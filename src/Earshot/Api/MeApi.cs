using Earshot.Core.Access;
using Earshot.Engine.Audit;

namespace Earshot.Api;

/// <summary>`/api/me`: who the caller is, their availability for assignment, and their API tokens.</summary>
public static class MeApi
{
    public static void MapMeApi(this WebApplication app)
    {
        var me = app.MapGroup("/api/me").WithTags("Me");
        me.MapGet("/", GetAsync).WithName("Me");
        me.MapPost("/availability", AvailabilityAsync).WithName("SetAvailability");
        me.MapGet("/tokens", TokensAsync).WithName("ListMyTokens");
        me.MapPost("/tokens", CreateTokenAsync).WithName("CreateToken")
            .WithDescription("Creates a personal token; the response is the only time it is shown.");
        me.MapDelete("/tokens/{id:guid}", RevokeAsync).WithName("RevokeToken");
    }

    private static async Task<IResult> GetAsync(EarshotDbContext db, AccessScope scope, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == scope.UserId, cancellationToken);
        var visible = await scope.WorkspaceIdsAsync(cancellationToken);
        var workspaces = await db.Workspaces.AsNoTracking().Where(w => visible == null || visible.Contains(w.Id)).OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(cancellationToken);
        var teams = await db.TeamMembers.Where(m => m.UserId == user.Id).Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { t.Id, t.Name, lead = m.IsLead }).ToListAsync(cancellationToken);
        return TypedResults.Ok(new { user.Id, user.Email, name = user.DisplayName, user.Role, user.Available, user.Capacity, user.WeeklyDigest, workspaces, teams });
    }

    public sealed record AvailabilityBody(bool? Available, int? Capacity);

    private static async Task<IResult> AvailabilityAsync(AvailabilityBody body, EarshotDbContext db, AccessScope scope, CancellationToken cancellationToken)
    {
        if (body.Capacity is < 0 or > 1000)
            return ApiProblems.Field("capacity", new Phrase("0 to 1000 cases"));
        var user = await db.Users.FirstAsync(u => u.Id == scope.UserId, cancellationToken);
        user.Available = body.Available ?? user.Available;
        user.Capacity = body.Capacity ?? user.Capacity;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new { user.Available, user.Capacity });
    }

    private static async Task<IResult> TokensAsync(EarshotDbContext db, AccessScope scope, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.ApiTokens.AsNoTracking().Where(t => t.UserId == scope.UserId).OrderBy(t => t.CreatedAt)
            .Select(t => new { t.Id, t.Name, t.Prefix, t.Scope, t.CreatedAt, t.LastUsedAt, t.RevokedAt }).ToListAsync(cancellationToken));

    public sealed record TokenBody(string? Name, string? Scope);

    private static async Task<IResult> CreateTokenAsync(TokenBody body, EarshotDbContext db, AccessScope scope, UserAccounts accounts, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == scope.UserId).Select(u => u.Email).FirstAsync(cancellationToken);
        var (token, row, error) = await accounts.CreateTokenAsync(email, body.Name ?? "", body.Scope ?? TokenScopes.Write, AuditActor.User(scope.UserId), cancellationToken);
        return token is null
            ? ApiProblems.Field(error!.Template.Contains("scope", StringComparison.Ordinal) ? "scope" : "name", error)
            : TypedResults.Created($"/api/me/tokens/{row!.Id}", new { row.Id, row.Name, row.Scope, token });
    }

    private static async Task<IResult> RevokeAsync(Guid id, AccessScope scope, UserAccounts accounts, CancellationToken cancellationToken) =>
        await accounts.RevokeTokenAsync(id, scope.UserId, AuditActor.User(scope.UserId), cancellationToken) ? TypedResults.NoContent() : ApiProblems.NotFound(new Phrase("no active token with that id in your workspaces"));
}
