namespace Earshot.Storage.Ingest;

/// <summary>
/// Holds the posts' rows for the rest of the transaction on PostgreSQL, in id order so two holders never deadlock:
/// work that replaces a post's derived rows (its topic matches, its counts) then runs one at a time per post, even
/// on two nodes. SQLite needs nothing: it runs one write transaction at a time.
/// </summary>
public static class PostRowLocks
{
    public static async Task LockAsync(EarshotDbContext db, IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres || postIds.Count == 0)
            return;
        var ids = postIds.Order().ToArray();
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM posts WHERE id = ANY({ids}) ORDER BY id FOR UPDATE", cancellationToken);
    }
}
