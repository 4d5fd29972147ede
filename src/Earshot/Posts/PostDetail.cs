using System.Text.Json;
using Earshot.Engine.Pipeline;

namespace Earshot.Posts;

/// <summary>Everything known about one post: the post page and `GET /api/posts/{id}`.</summary>
public sealed record PostDetail
{
    public required PostSummary Post { get; init; }
    public string? AuthorProfileUrl { get; init; }
    public required JsonElement RawPayload { get; init; }
    public required int Stage { get; init; }
    /// <summary>The classifier's labels with their reasons; null while the post is not classified.</summary>
    public LabelsJson? Reasons { get; init; }
    public IReadOnlyList<RevisionView> Revisions { get; init; } = [];
    public IReadOnlyList<AttachmentView> Attachments { get; init; } = [];

    public static async Task<PostDetail?> LoadAsync(EarshotDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var summary = await db.Posts.AsNoTracking().Where(p => p.Id == id).Select(Summaries.Of(db)).FirstOrDefaultAsync(cancellationToken);
        if (summary is null)
            return null;
        var row = await db.Posts.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Author!.ProfileUrl, p.RawPayload, p.Stage }).FirstAsync(cancellationToken);

        await PostSearch.AttachInsightsAsync(db, [summary], cancellationToken);
        var explanation = await db.Classifications.AsNoTracking().Where(c => c.PostId == id)
            .Select(c => c.ExplanationJson).FirstOrDefaultAsync(cancellationToken);
        var revisions = await db.PostRevisions.AsNoTracking().Where(r => r.PostId == id)
            .OrderBy(r => r.ReplacedAt).Select(r => new RevisionView(r.Text, r.ReplacedAt)).ToListAsync(cancellationToken);
        return new PostDetail
        {
            Post = summary,
            AuthorProfileUrl = row.ProfileUrl,
            RawPayload = ParseRaw(row.RawPayload),
            Stage = row.Stage,
            Reasons = explanation is null ? null : JsonSerializer.Deserialize<LabelsJson>(explanation, LabelsJson.Options),
            Revisions = revisions,
            Attachments = (await AttachmentView.ForPostsAsync(db, [id], cancellationToken)).GetValueOrDefault(id) ?? [],
        };
    }

    /// <summary>The payload is shown as JSON when it is JSON (it always is for our sources), else as a string.</summary>
    private static JsonElement ParseRaw(string raw)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(raw);
        }
    }
}

public sealed record RevisionView(string Text, DateTime ReplacedAt);
