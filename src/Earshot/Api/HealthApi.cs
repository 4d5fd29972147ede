using Microsoft.AspNetCore.Http.HttpResults;

namespace Earshot.Api;

public static class HealthApi
{
    public static void MapHealthApi(this WebApplication app)
    {
        app.MapGet("/healthz", CheckAsync).WithName("Health").WithTags("Health").AllowAnonymous();
    }

    /// <summary>200 when the database answers; 503 otherwise.</summary>
    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> CheckAsync(
        IDbContextFactory<EarshotDbContext> contexts, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await db.Database.CanConnectAsync(cancellationToken))
            {
                await db.Workspaces.AnyAsync(cancellationToken);
                return TypedResults.Ok(new HealthReport("ok", db.Provider.ToString().ToLowerInvariant()));
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return TypedResults.Json(new HealthReport("unavailable: " + error.GetType().Name, null), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        return TypedResults.Json(new HealthReport("unavailable", null), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public sealed record HealthReport(string Status, string? Database);
}
