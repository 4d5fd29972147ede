namespace Earshot.Storage.Search;

/// <summary>
/// SQLite fills its full-text index in one statement per ingest commit rather than one per post: FTS5 writes its
/// pending terms out at every statement's savepoint, so a trigger inserting each post on its own wrote a small
/// segment per post (imports four times slower). The insert trigger only queues the post (<c>post_search_queue</c>);
/// <see cref="FlushSql"/>, run by the writer just before it commits, keys the queued posts by time (their second
/// times 2^31 plus the next free sequence of that second, <see cref="PostSearchWindow"/>) and indexes them; a
/// queued post that is indexed already (which no trigger queues) is left as it is rather than indexed twice.
/// </summary>
public static class PostSearchQueue
{
    public const string FlushSql = """
        DELETE FROM post_search_queue WHERE EXISTS (SELECT 1 FROM post_search_rows AS known WHERE known.post_id = post_search_queue.post_id);
        WITH queued AS (
            SELECT p.id, MIN(MAX(CAST(strftime('%s', p.created_at) AS INTEGER), 0), 4294967295) AS second, p.rowid AS seq
            FROM post_search_queue AS q JOIN posts AS p ON p.id = q.post_id),
        numbered AS (SELECT id, second, ROW_NUMBER() OVER (PARTITION BY second ORDER BY seq) - 1 AS k FROM queued)
        INSERT INTO post_search_rows (id, post_id)
            SELECT COALESCE((SELECT MAX(r.id) + 1 FROM post_search_rows AS r WHERE r.id >= (n.second << 31) AND r.id < (n.second << 31) + 2147483648),
                            n.second << 31) + n.k, n.id
            FROM numbered AS n;
        INSERT INTO post_search (rowid, text)
            SELECT r.id, p.text FROM post_search_queue AS q JOIN post_search_rows AS r ON r.post_id = q.post_id JOIN posts AS p ON p.id = q.post_id;
        DELETE FROM post_search_queue;

        """;
}
