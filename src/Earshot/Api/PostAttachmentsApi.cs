using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Earshot.Api;

/// <summary>
/// `GET /api/posts/{postId}/attachments/{index}`: an attachment's bytes. They are the sender's, so they are always a
/// download (`Content-Disposition: attachment`, `nosniff`, a sandboxing CSP), never rendered by the browser.
/// </summary>
public static class PostAttachmentsApi
{
    public static void MapPostAttachmentsApi(this WebApplication app)
    {
        app.MapGet("/api/posts/{postId:guid}/attachments/{index:int}", DownloadAsync).WithTags("Posts").WithName("DownloadAttachment");
    }

    private static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>, ProblemHttpResult>> DownloadAsync(
        Guid postId, int index, EarshotDbContext db, Access.AccessScope scope, HttpResponse response, CancellationToken cancellationToken)
    {
        // Another workspace's post answers exactly like a missing one, so ids and names do not leak.
        var workspaceId = await db.Posts.Where(p => p.Id == postId).Select(p => (Guid?)p.WorkspaceId).FirstOrDefaultAsync(cancellationToken);
        var attachment = workspaceId is { } owner && await scope.AllowsAsync(owner, cancellationToken)
            ? await db.PostAttachments.AsNoTracking().Where(a => a.PostId == postId && a.Position == index)
                .Select(a => new { a.FileName, a.TooLarge, a.Content }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (attachment is null)
            return TypedResults.NotFound(new ProblemDetails { Title = "No such attachment", Detail = $"post {postId} has no attachment {index}", Status = 404 });
        if (attachment.TooLarge)
            return ApiProblems.Problem(410, new Phrase("Attachment not kept"), new Phrase("it was larger than the channel's attachment limit, so only its name, size and hash were stored"));

        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        response.Headers[HeaderNames.CacheControl] = "private, no-store";
        // Served as opaque bytes whatever type the sender claimed; the name is in the disposition for the download.
        // An empty file may come back from SQLite as NULL rather than a zero-length blob.
        return TypedResults.File(attachment.Content ?? [], "application/octet-stream", attachment.FileName);
    }
}
