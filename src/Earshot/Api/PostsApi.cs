using System.Text.Json;
using Earshot.Core.Posts;
using Earshot.Engine.Pipeline;
using Earshot.Posts;
using Earshot.Storage.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Earshot.Api;

/// <summary>`/api/posts`: post one item or a batch in the JSONL post format; list and read stored posts.</summary>
public static class PostsApi
{
    public const int MaxBatch = 10_000;

    public static void MapPostsApi(this WebApplication app)
    {
        var posts = app.MapGroup("/api/posts").WithTags("Posts");
        // Analysts read; storing posts (which can open cases) is for the roles that work cases.
        posts.MapPost("/", PostAsync).RequireAuthorization(Access.AccessServices.WorkCases).WithName("IngestPosts")
            .Produces<IngestResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithDescription("One post or an array of posts in the JSONL post format. A post already stored (same channel and id) is not stored again; one with new text is recorded as an edit. A batch keeps its valid items: when some are invalid the answer is 422, listing the refused items by index and field (`refused`, `errors`) beside the stored ones (`results`).");
        posts.MapGet("/", ListAsync).WithName("ListPosts")
            .Produces(StatusCodes.Status200OK, contentType: Exports.CsvDownload.ContentType)
            .WithDescription("Newest first, a page at a time (limit, cursor). With Accept: text/csv or format=csv: every post the filters match, as one streamed CSV file.");
        posts.MapGet("/{id:guid}", GetAsync).WithName("GetPost");
    }

    private static async Task<Results<Accepted<IngestResponse>, ValidationProblem, ProblemHttpResult>> PostAsync(
        HttpRequest request, IngestService ingest, Access.AccessScope scope, EarshotDbContext db, [FromQuery] string? workspace, CancellationToken cancellationToken)
    {
        if (await PostingRefusedAsync(db, scope, workspace, cancellationToken) is { } refused)
            return refused;
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException error)
        {
            return ApiProblems.Problem(400, new Phrase("The body is not valid JSON"), new Phrase("line {0}, column {1}: expected one post object or an array of them", (error.LineNumber ?? 0) + 1, (error.BytePositionInLine ?? 0) + 1),
                new Dictionary<string, object?> { ["field"] = "body" });
        }
        using (document)
        {
            var root = document.RootElement;
            var isBatch = root.ValueKind == JsonValueKind.Array;
            var items = isBatch ? root.EnumerateArray().ToList() : [root];
            if (items.Count == 0)
                return ApiProblems.Invalid(new Dictionary<string, Phrase[]> { ["body"] = [new Phrase("the array is empty; send at least one post")] });
            if (items.Count > MaxBatch)
                return ApiProblems.Invalid(new Dictionary<string, Phrase[]> { ["body"] = [new Phrase("{0} posts in one request; at most {1} are accepted", items.Count, MaxBatch)] });

            var (accepted, errors) = PostJson.ReadAll(items, indexed: isBatch);
            if (errors.Count > 0 && !isBatch)
                return TypedResults.ValidationProblem(errors, title: "The post is invalid; nothing was stored");

            // A batch keeps its good items: a client retrying the whole batch gets them in, and stored ones are duplicates.
            var invalid = RefusedItems.Of(items, errors);
            var indexes = Enumerable.Range(0, items.Count).Where(i => !invalid.Exists(r => r.Index == i)).ToList();
            var outcomes = accepted.Count == 0 ? [] : await ingest.IngestAsync(workspace, accepted, cancellationToken);
            var results = accepted.Select((post, i) => new IngestResult(post.ExternalId, outcomes[i].PostId,
                outcomes[i].Status.ToString().ToLowerInvariant(), isBatch ? indexes[i] : null)).ToList();
            if (invalid.Count == 0)
                return TypedResults.Accepted((string?)null, new IngestResponse(results.Select(r => r.PostId).ToList(), results));
            return ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, new Phrase("{0} of {1} posts are invalid; the other {2} were stored", invalid.Count, items.Count, accepted.Count), new Phrase("fix the refused items and send them again; sending the stored ones again is harmless"),
                new Dictionary<string, object?> { ["errors"] = errors, ["refused"] = invalid, ["results"] = results });
        }
    }

    private static async Task<Results<Ok<PostListResponse>, ValidationProblem, Exports.CsvDownload>> ListAsync(
        EarshotDbContext db, IDbContextFactory<EarshotDbContext> contexts, HttpRequest request, Access.AccessScope scope, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (filter, errors, queryError) = PostFilterBinder.Bind(request.Query);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, extensions: queryError is null ? null
                : new Dictionary<string, object?> { ["column"] = queryError.Column, ["field"] = request.Query.ContainsKey("q") ? "q" : "text" });
        filter = filter! with { WorkspaceIds = await scope.WorkspaceIdsAsync(cancellationToken) };
        if (Exports.CsvDownload.Wanted(request))
            return Exports.PostsCsv.Download(contexts, filter, clock.GetUtcNow().UtcDateTime);
        var page = await PostSearch.FindAsync(db, filter, cancellationToken);
        return TypedResults.Ok(new PostListResponse(page.Items, page.Next?.Encode()));
    }

    private static async Task<Results<Ok<PostDetail>, NotFound<ProblemDetails>>> GetAsync(
        Guid id, EarshotDbContext db, Access.AccessScope scope, CancellationToken cancellationToken)
    {
        var workspaceId = await db.Posts.Where(p => p.Id == id).Select(p => (Guid?)p.WorkspaceId).FirstOrDefaultAsync(cancellationToken);
        var detail = workspaceId is { } owner && await scope.AllowsAsync(owner, cancellationToken) ? await PostDetail.LoadAsync(db, id, cancellationToken) : null;
        return detail is null
            ? TypedResults.NotFound(new ProblemDetails { Title = "No such post", Detail = $"no post has id {id}", Status = 404 })
            : TypedResults.Ok(detail);
    }

    /// <summary>Posting into another brand's workspace, or into one that does not exist, is refused.</summary>
    private static async Task<ProblemHttpResult?> PostingRefusedAsync(EarshotDbContext db, Access.AccessScope scope, string? workspace, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(workspace) ? Engine.Workspaces.WorkspaceDirectory.DefaultWorkspace : workspace.Trim();
        var id = await db.Workspaces.Where(w => w.Name == name).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(cancellationToken);
        // Naming a workspace never creates one: POST /api/workspaces does.
        if (id is not null && await scope.AllowsAsync(id.Value, cancellationToken))
            return null;
        return ApiProblems.Problem(404, new Phrase("Not found"), new Phrase("no workspace '{0}' among yours", name),
            new Dictionary<string, object?> { ["field"] = "workspace" });
    }

    /// <summary>Index: the item's position in a batch (absent for a post sent alone).</summary>
    public sealed record IngestResult(string ExternalId, Guid PostId, string Status,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? Index = null);

    public sealed record IngestResponse(IReadOnlyList<Guid> Ids, IReadOnlyList<IngestResult> Results);

    public sealed record PostListResponse(IReadOnlyList<PostSummary> Items, string? NextCursor);
}
