using Earshot.Core.Pipeline;
using Earshot.Storage.Sqlite;

namespace Earshot.Storage.Ingest;

/// <summary>
/// A batch of posts with everything worked out that needs no database: post and author ids, a fingerprint of each
/// author's details and, for SQLite, the posts' column values already encoded as it stores them. Made by
/// <see cref="PostWriter.Prepare"/>, which is safe on any thread, so a bulk import prepares the next batch on the
/// other core while the writer stores this one. Dispose it once written: its encoded values live in pooled buffers.
/// </summary>
public sealed class PreparedBatch : IDisposable
{
    internal PreparedBatch(IReadOnlyList<IngestRow> rows, PreparedPost[] posts, EncodedRows? encoded, DateTime received) =>
        (Rows, Posts, Encoded, Received) = (rows, posts, encoded, received);

    public IReadOnlyList<IngestRow> Rows { get; }
    public int Count => Posts.Length;
    internal PreparedPost[] Posts { get; }
    /// <summary>The values of <see cref="IngestSql.InsertPost"/> per post, thread left late; SQLite only.</summary>
    internal EncodedRows? Encoded { get; }
    internal DateTime Received { get; }

    public void Dispose() => Encoded?.Dispose();
}

/// <summary>One post of a <see cref="PreparedBatch"/>; the writer fills in its thread, which needs the database.</summary>
internal sealed class PreparedPost(IngestRow row, Guid postId, Guid authorId, long authorDetails)
{
    public IngestRow Row { get; } = row;
    public Guid PostId { get; } = postId;
    public Guid AuthorId { get; } = authorId;
    /// <summary>A fingerprint of the author's follower count, name and profile URL, to skip upserts already done.</summary>
    public long AuthorDetails { get; } = authorDetails;
    public string? Thread { get; set; }
    /// <summary>The thread of the parent, when it was found committed ahead of the write.</summary>
    public string? StoredThread { get; set; }

    /// <summary>The values of <see cref="IngestSql.InsertPost"/>, in its order.</summary>
    public object?[] InsertValues(DateTime received) =>
    [
        PostId, Row.WorkspaceId, Row.ChannelId, Row.Post.ExternalId, AuthorId, Row.Post.Text, Row.Post.Language,
        Row.Post.CreatedAt ?? received, received, Row.Post.Url, Row.Post.InReplyTo, Thread, Row.Post.IsBrand, false,
        Row.Post.RawPayload, (int)PipelineStep.Stored,
    ];

    /// <summary>The same values, encoded for SQLite, the thread left late.</summary>
    public void Encode(EncodedRows rows, DateTime received)
    {
        var post = Row.Post;
        rows.AddGuid(PostId);
        rows.AddGuid(Row.WorkspaceId);
        rows.AddGuid(Row.ChannelId);
        rows.AddText(post.ExternalId);
        rows.AddGuid(AuthorId);
        rows.AddText(post.Text);
        rows.AddText(post.Language);
        rows.AddTime(post.CreatedAt ?? received);
        rows.AddTime(received);
        rows.AddText(post.Url);
        rows.AddText(post.InReplyTo);
        rows.AddLate();
        rows.AddInteger(post.IsBrand ? 1 : 0);
        rows.AddInteger(0);
        rows.AddText(post.RawPayload);
        rows.AddInteger((int)PipelineStep.Stored);
        rows.EndRow();
    }
}
