using System.Globalization;

namespace Earshot.Posts;

/// <summary>An attachment as listed on the post and case pages and in `GET /api/posts/{id}` (never its bytes).</summary>
public sealed record AttachmentView(int Index, string FileName, string ContentType, long Size, string Sha256, bool TooLarge)
{
    public string DownloadUrl(Guid postId) => $"/api/posts/{postId}/attachments/{Index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Human size: "812 B", "14.2 KB", "3.1 MB".</summary>
    public string SizeText => Size switch
    {
        < 1024 => Size.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (Size / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (Size / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    /// <summary>The attachments of these posts, by post, in order; the content column is never read.</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<AttachmentView>>> ForPostsAsync(
        EarshotDbContext db, IReadOnlyCollection<Guid> postIds, CancellationToken cancellationToken)
    {
        var rows = await db.PostAttachments.AsNoTracking().Where(a => postIds.Contains(a.PostId))
            .OrderBy(a => a.PostId).ThenBy(a => a.Position)
            .Select(a => new { a.PostId, View = new AttachmentView(a.Position, a.FileName, a.ContentType, a.Size, a.Sha256, a.TooLarge) })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.PostId).ToDictionary(g => g.Key, g => (IReadOnlyList<AttachmentView>)g.Select(r => r.View).ToList());
    }
}
