namespace Earshot.Storage.Ingest;

/// <summary>The ingest statements, written once for both databases (they share the upsert syntax).</summary>
internal static class IngestSql
{
    public static readonly Statement UpsertAuthor = new("""
        INSERT INTO authors (id, channel_id, handle, display_name, followers, profile_url)
        VALUES (@id, @channel, @handle, @name, @followers, @profile)
        ON CONFLICT (id) DO UPDATE SET
            followers = COALESCE(excluded.followers, authors.followers),
            display_name = COALESCE(excluded.display_name, authors.display_name),
            profile_url = COALESCE(excluded.profile_url, authors.profile_url)
        WHERE (excluded.followers IS NOT NULL AND (authors.followers IS NULL OR authors.followers <> excluded.followers))
           OR (excluded.display_name IS NOT NULL AND authors.display_name IS NULL)
           OR (excluded.profile_url IS NOT NULL AND authors.profile_url IS NULL)
        """, "id", "channel", "handle", "name", "followers", "profile")
    {
        PostgresBulkSql = """
            INSERT INTO authors AS a (id, channel_id, handle, display_name, followers, profile_url)
            SELECT * FROM unnest(@id, @channel, @handle, @name, @followers, @profile)
            ON CONFLICT (id) DO UPDATE SET
                followers = COALESCE(excluded.followers, a.followers),
                display_name = COALESCE(excluded.display_name, a.display_name),
                profile_url = COALESCE(excluded.profile_url, a.profile_url)
            WHERE (excluded.followers IS NOT NULL AND (a.followers IS NULL OR a.followers <> excluded.followers))
               OR (excluded.display_name IS NOT NULL AND a.display_name IS NULL)
               OR (excluded.profile_url IS NOT NULL AND a.profile_url IS NULL)
            RETURNING id
            """,
        Types = [typeof(Guid), typeof(Guid), typeof(string), typeof(string), typeof(int?), typeof(string)],
    };

    public static readonly Statement InsertPost = new("""
        INSERT INTO posts (id, workspace_id, channel_id, external_id, author_id, text, language, created_at, received_at,
                           url, in_reply_to_external_id, thread_external_id, is_brand, is_deleted, raw_payload, stage)
        VALUES (@id, @workspace, @channel, @external, @author, @text, @lang, @created, @received,
                @url, @reply, @thread, @brand, @deleted, @raw, @stage)
        ON CONFLICT (channel_id, external_id) DO NOTHING
        """, "id", "workspace", "channel", "external", "author", "text", "lang", "created", "received",
        "url", "reply", "thread", "brand", "deleted", "raw", "stage")
    {
        PostgresBulkSql = """
            INSERT INTO posts (id, workspace_id, channel_id, external_id, author_id, text, language, created_at, received_at,
                               url, in_reply_to_external_id, thread_external_id, is_brand, is_deleted, raw_payload, stage)
            SELECT * FROM unnest(@id, @workspace, @channel, @external, @author, @text, @lang, @created, @received,
                                 @url, @reply, @thread, @brand, @deleted, @raw, @stage)
            ON CONFLICT (channel_id, external_id) DO NOTHING
            RETURNING id
            """,
        Types =
        [
            typeof(Guid), typeof(Guid), typeof(Guid), typeof(string), typeof(Guid), typeof(string), typeof(string),
            typeof(DateTime), typeof(DateTime), typeof(string), typeof(string), typeof(string), typeof(bool), typeof(bool),
            typeof(string), typeof(int),
        ],
    };

    /// <summary>Run only for posts this batch inserted, so a re-delivered message adds no attachments.</summary>
    public static readonly Statement InsertAttachment = new("""
        INSERT INTO post_attachments (post_id, position, file_name, content_type, size, sha256, too_large, content)
        VALUES (@post, @position, @name, @type, @size, @sha, @large, @content)
        ON CONFLICT (post_id, position) DO NOTHING
        """, "post", "position", "name", "type", "size", "sha", "large", "content");

    public static readonly Statement FindChannel = new("""
        SELECT 1 FROM channels WHERE id = @channel AND workspace_id = @workspace
        """, "channel", "workspace");

    public static readonly Statement FindThread = new("""
        SELECT thread_external_id FROM posts WHERE channel_id = @channel AND external_id = @external
        """, "channel", "external");

    public static readonly Statement FindExisting = new("""
        SELECT id, text, raw_payload FROM posts WHERE channel_id = @channel AND external_id = @external
        """, "channel", "external");

    public static readonly Statement InsertRevision = new("""
        INSERT INTO post_revisions (id, post_id, text, raw_payload, replaced_at) VALUES (@id, @post, @text, @raw, @at)
        """, "id", "post", "text", "raw", "at");

    /// <summary>An edit re-runs the pipeline for the post (stage back to Stored), so labels follow the new text.</summary>
    public static readonly Statement UpdateEdited = new("""
        UPDATE posts SET text = @text, raw_payload = @raw, edited_at = @at, is_deleted = @deleted, stage = 0 WHERE id = @id
        """, "text", "raw", "at", "deleted", "id");

    /// <summary>
    /// An edit that says when it was made (<see cref="Core.Posts.IncomingPost.RevisedAt"/>), applied only over an older
    /// version. The condition is the database's, so two nodes receiving a message and its replay at once still keep
    /// the newest. Within one second, a message whose payload a revision already holds is the older one (a replay).
    /// </summary>
    public static readonly Statement UpdateEditedIfNewer = new("""
        UPDATE posts SET text = @text, raw_payload = @raw, edited_at = @at, is_deleted = @deleted, stage = 0
        WHERE id = @id AND (edited_at IS NULL OR edited_at < @at
            OR (edited_at = @at AND NOT EXISTS (SELECT 1 FROM post_revisions r WHERE r.post_id = @id AND r.raw_payload = @raw)))
        """, "text", "raw", "at", "deleted", "id");

    /// <summary>
    /// Replies whose parent arrived later (or in another batch) point at the parent; one pass moves each of them one
    /// step closer to the root, so repeating until nothing changes resolves every chain.
    /// </summary>
    public const string ResolveThreadsStep = """
        UPDATE posts SET thread_external_id = (
            SELECT parent.thread_external_id FROM posts parent
            WHERE parent.channel_id = posts.channel_id AND parent.external_id = posts.thread_external_id)
        WHERE posts.in_reply_to_external_id IS NOT NULL
          AND EXISTS (
            SELECT 1 FROM posts parent
            WHERE parent.channel_id = posts.channel_id AND parent.external_id = posts.thread_external_id
              AND parent.thread_external_id IS NOT NULL AND parent.thread_external_id <> posts.thread_external_id)
        """;
}
