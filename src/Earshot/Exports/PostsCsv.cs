using Earshot.Posts;

namespace Earshot.Exports;

/// <summary>Posts as CSV: the Mentions stream and `GET /api/posts`, every post the filter matches, one row each.</summary>
public static class PostsCsv
{
    public static readonly string[] Columns =
    [
        "id", "workspace", "channel", "external_id", "created_at", "received_at", "edited_at", "author_handle", "author_name",
        "author_followers", "text", "language", "url", "in_reply_to", "thread_id", "is_brand", "sentiment", "sentiment_score",
        "intent", "severity", "topics",
    ];

    /// <param name="filter">Already scoped to the caller's workspaces.</param>
    public static CsvDownload Download(IDbContextFactory<EarshotDbContext> contexts, PostFilter filter, DateTime now) =>
        new("posts", now, (csv, cancellationToken) => WriteAsync(csv, contexts, filter, cancellationToken));

    /// <summary>Reads with two contexts of its own: one streams the posts, the other looks up their labels and topics.</summary>
    public static async Task WriteAsync(CsvWriter csv, IDbContextFactory<EarshotDbContext> contexts, PostFilter filter, CancellationToken cancellationToken)
    {
        await using var rows = await contexts.CreateDbContextAsync(cancellationToken);
        await using var lookups = await contexts.CreateDbContextAsync(cancellationToken);
        csv.Header(Columns);
        await csv.EndRowAsync(cancellationToken);
        await foreach (var post in PostSearch.AllAsync(rows, lookups, filter, cancellationToken))
        {
            Row(csv, post);
            await csv.EndRowAsync(cancellationToken);
        }
    }

    public static void Row(CsvWriter csv, PostSummary post)
    {
        csv.Id(post.Id);
        csv.Text(post.Workspace);
        csv.Text(post.Channel);
        csv.Text(post.ExternalId);
        csv.Time(post.CreatedAt);
        csv.Time(post.ReceivedAt);
        csv.Time(post.EditedAt);
        csv.Text(post.AuthorHandle);
        csv.Text(post.AuthorDisplayName);
        csv.Number(post.AuthorFollowers);
        csv.Text(post.Text);
        csv.Text(post.Language);
        csv.Text(post.Url);
        csv.Text(post.InReplyTo);
        csv.Text(post.ThreadId);
        csv.Flag(post.IsBrand);
        csv.Text(post.Labels?.Sentiment);
        csv.Number(post.Labels?.SentimentScore);
        csv.Text(post.Labels?.Intent);
        csv.List(post.Labels is { Severity.Length: > 0 } labels ? labels.Severity.Split(',') : []);
        csv.List(post.Topics);
    }
}
