using System.Text.Json;
using Earshot.Channels.Pipeline;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

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

    public static async Task<PostDetail?> LoadAsync(EarshotDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Posts.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new
            {
                Summary = new PostSummary
                {
                    Id = p.Id,
                    ExternalId = p.ExternalId,
                    Workspace = db.Workspaces.Where(w => w.Id == p.WorkspaceId).Select(w => w.Name).First(),
                    ChannelKind = p.Channel!.Kind,
                    AuthorHandle = p.Author!.Handle,
                    AuthorDisplayName = p.Author.DisplayName,
                    AuthorFollowers = p.Author.Followers,
                    Text = p.Text,
                    Language = p.Language,
                    CreatedAt = p.CreatedAt,
                    ReceivedAt = p.ReceivedAt,
                    EditedAt = p.EditedAt,
                    Url = p.Url,
                    InReplyTo = p.InReplyToExternalId,
                    ThreadId = p.ThreadExternalId,
                    IsBrand = p.IsBrand,
                },
                p.Author.ProfileUrl,
                p.RawPayload,
                p.Stage,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
            return null;

        await PostSearch.AttachInsightsAsync(db, [row.Summary], cancellationToken);
        var explanation = await db.Classifications.AsNoTracking().Where(c => c.PostId == id)
            .Select(c => c.ExplanationJson).FirstOrDefaultAsync(cancellationToken);
        var revisions = await db.PostRevisions.AsNoTracking().Where(r => r.PostId == id)
            .OrderBy(r => r.ReplacedAt).Select(r => new RevisionView(r.Text, r.ReplacedAt)).ToListAsync(cancellationToken);
        return new PostDetail
        {
            Post = row.Summary,
            AuthorProfileUrl = row.ProfileUrl,
            RawPayload = ParseRaw(row.RawPayload),
            Stage = row.Stage,
            Reasons = explanation is null ? null : JsonSerializer.Deserialize<LabelsJson>(explanation, LabelsJson.Options),
            Revisions = revisions,
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
