using Earshot.Core.Understanding.Learning;
using Earshot.Engine.Learning;

namespace Earshot.Api;

/// <summary>
/// Agents' label corrections (`POST /api/posts/{id}/labels`), the trained models (`GET /api/models`) and the
/// progress of re-classifying stored posts after a model change (`GET /api/models/reclassify`).
/// </summary>
public static class LearningApi
{
    public static void MapLearningApi(this WebApplication app)
    {
        app.MapPost("/api/posts/{id:guid}/labels", CorrectAsync).WithTags("Posts").WithName("CorrectPostLabels")
            .RequireAuthorization(AccessServices.WorkCases)
            .WithDescription("Corrects the post's sentiment and/or intent. Kept as a labelled example with who and when (the latest wins); trained models learn from them.");
        var models = app.MapGroup("/api/models").WithTags("Models");
        models.MapGet("/", ListAsync).WithName("ListModels");
        models.MapGet("/reclassify", ReclassifyStatusAsync).WithName("ReclassifyStatus");
    }

    public sealed record LabelsBody(string? Sentiment, string? Intent);

    public sealed record LabelsResponse(Guid PostId, string? Sentiment, string? Intent, IReadOnlyList<Corrections.View> History);

    private static async Task<IResult> CorrectAsync(
        Guid id, LabelsBody body, EarshotDbContext db, AccessScope scope, TimeProvider clock, CancellationToken cancellationToken)
    {
        var owner = await db.Posts.Where(p => p.Id == id).Select(p => (Guid?)p.WorkspaceId).FirstOrDefaultAsync(cancellationToken);
        if (owner is not { } workspace || !await scope.AllowsAsync(workspace, cancellationToken))
            return ApiProblems.NotFound(new Phrase("no post with that id in your workspaces"));
        var (sentiment, intent) = (Normalise(body.Sentiment), Normalise(body.Intent));
        if (sentiment is null && intent is null)
            return ApiProblems.Field("sentiment", new Phrase("give sentiment and/or intent"));
        if (sentiment is not null && !LearningTasks.IsValid(LearningTasks.Sentiment, sentiment))
            return ApiProblems.Field("sentiment", new Phrase("'{0}' is not one of {1}", sentiment, string.Join(", ", LearningTasks.LabelsOf(LearningTasks.Sentiment))));
        if (intent is not null && !LearningTasks.IsValid(LearningTasks.Intent, intent))
            return ApiProblems.Field("intent", new Phrase("'{0}' is not one of {1}", intent, string.Join(", ", LearningTasks.LabelsOf(LearningTasks.Intent))));

        await Corrections.RecordAsync(db, id, scope.UserId, sentiment, intent, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var stored = await db.Classifications.AsNoTracking().Where(c => c.PostId == id).Select(c => new { c.Sentiment, c.Intent }).FirstOrDefaultAsync(cancellationToken);
        var latest = (await Corrections.LatestAsync(db, [id], cancellationToken)).GetValueOrDefault(id);
        return TypedResults.Ok(new LabelsResponse(id,
            stored?.Sentiment ?? latest?.GetValueOrDefault(LearningTasks.Sentiment)?.Label,
            stored?.Intent ?? latest?.GetValueOrDefault(LearningTasks.Intent)?.Label,
            await Corrections.HistoryAsync(db, id, cancellationToken)));
    }

    private static string? Normalise(string? label) => string.IsNullOrWhiteSpace(label) ? null : label.Trim().ToLowerInvariant();

    public sealed record ModelView(int Version, string Task, DateTime CreatedAt, string Source, int TrainCount, int TestCount,
        double Accuracy, double MacroF1, double BaselineAccuracy, string Baseline, bool IsActive);

    private static async Task<IResult> ListAsync(EarshotDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.TrainedModels.AsNoTracking().OrderByDescending(m => m.Version)
            .Select(m => new ModelView(m.Version, m.Task, m.CreatedAt, m.Source, m.TrainCount, m.TestCount, m.Accuracy, m.MacroF1, m.BaselineAccuracy, m.Baseline, m.IsActive))
            .ToListAsync(cancellationToken));

    public sealed record JobView(Guid Id, string Reason, string Status, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, int Total, int Done, string? Error);

    /// <summary>The latest job (null when none ran yet) and whether any is still queued or running.</summary>
    public sealed record ReclassifyStatus(JobView? Latest, bool Busy);

    private static async Task<IResult> ReclassifyStatusAsync(EarshotDbContext db, CancellationToken cancellationToken)
    {
        var latest = await db.ReclassifyJobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Select(j => new JobView(j.Id, j.Reason, j.Status, j.CreatedAt, j.StartedAt, j.FinishedAt, j.Total, j.Done, j.Error))
            .FirstOrDefaultAsync(cancellationToken);
        var busy = await db.ReclassifyJobs.AnyAsync(j => j.Status == ReclassifyStatuses.Pending || j.Status == ReclassifyStatuses.Running, cancellationToken);
        return TypedResults.Ok(new ReclassifyStatus(latest, busy));
    }
}
