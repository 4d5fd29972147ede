using Earshot.Cases;

namespace Earshot.Api;

/// <summary>`/api/me/views`: the caller's saved inbox views (a status, a view and a team under a name), with counts.</summary>
public static class SavedViewsApi
{
    public static void MapSavedViewsApi(this WebApplication app)
    {
        var views = app.MapGroup("/api/me/views").WithTags("Me");
        views.MapGet("/", ListAsync).WithName("ListSavedViews")
            .WithDescription("The caller's saved views, each with how many cases it holds now and the query to list them with GET /api/cases.");
        views.MapPost("/", SaveAsync).WithName("SaveView");
        views.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteSavedView");
    }

    private static async Task<IResult> ListAsync(SavedViews views, CancellationToken cancellationToken) =>
        TypedResults.Ok(await views.ListAsync(cancellationToken));

    public sealed record ViewBody(string? Name, string? Status, string? View, string? Team);

    private static async Task<IResult> SaveAsync(ViewBody body, SavedViews views, CancellationToken cancellationToken)
    {
        var (saved, field, error) = await views.SaveAsync(body.Name, body.Status, body.View, body.Team, cancellationToken);
        return saved is null
            ? ApiProblems.Field(field!, error!, error!.Template.StartsWith("you already", StringComparison.Ordinal) ? 409 : 400)
            : TypedResults.Created($"/api/me/views/{saved.Id}", new { saved.Id, saved.Name, saved.Status, saved.View, saved.Team });
    }

    private static async Task<IResult> DeleteAsync(Guid id, SavedViews views, CancellationToken cancellationToken) =>
        await views.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiProblems.NotFound(new Phrase("no saved view with that id in your workspaces"));
}
