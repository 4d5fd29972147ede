using Earshot.Audit;

namespace Earshot.Api;

/// <summary>`/api/audit`: the audit log, newest first, for admins only.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this WebApplication app)
    {
        app.MapGet("/api/audit", ListAsync).WithTags("Audit").WithName("ListAuditEvents")
            .RequireAuthorization(AccessServices.AdminOnly)
            .WithDescription("Sign-ins, access and settings changes, newest first. Filters: kind (exact, or a prefix ending in '.'), actor (e-mail), "
                + "workspace (name), since and until (ISO 8601; UTC when no offset is given); paging: limit (1-500, default 100) and the cursor from `next`.");
    }

    private static async Task<IResult> ListAsync(
        string? kind, string? actor, string? workspace, string? since, string? until, string? cursor, string? limit,
        EarshotDbContext db, CancellationToken cancellationToken)
    {
        int? count = null;
        if (!string.IsNullOrWhiteSpace(limit))
        {
            if (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                return ApiProblems.Field("limit", new Phrase("'limit' is 1 to {0}", AuditQuery.MaxLimit));
            count = parsed;
        }
        var (filter, field, error) = await AuditQuery.ParseAsync(db, kind, actor, workspace, since, until, cursor, count, TimeZoneInfo.Utc, cancellationToken);
        if (filter is null)
            return ApiProblems.Field(field!, error!);
        return TypedResults.Ok(await AuditQuery.ReadAsync(db, filter, cancellationToken));
    }
}
