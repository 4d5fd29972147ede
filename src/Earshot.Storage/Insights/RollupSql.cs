using Earshot.Storage.Ingest;

namespace Earshot.Storage.Insights;

/// <summary>
/// Adds to rollup rows by upsert: the row is created at its first post, and later posts (or a re-count taking one
/// away, with a negative count) change it in one atomic statement, so two nodes counting at once never lose a post.
/// Values: the key columns in order, then the posts to add and the latest post id.
/// </summary>
public static class RollupSql
{
    private static readonly string[] Dimensions = ["workspace_id", "topic_id", "bucket", "channel_id", "language", "sentiment", "intent"];
    private static readonly Type[] DimensionTypes = [typeof(Guid), typeof(Guid), typeof(DateTime), typeof(Guid), typeof(string), typeof(string), typeof(string)];

    /// <summary>Keys: workspace, topic, bucket, channel, language, sentiment, intent, span, switcher.</summary>
    public static readonly Statement AddVolume = Upsert("volume_rollups", [("span", typeof(int)), ("switcher", typeof(bool))]);

    /// <summary>Keys: workspace, topic, day, channel, language, sentiment, intent, aspect.</summary>
    public static readonly Statement AddAspect = Upsert("aspect_rollups", [("aspect", typeof(string))]);

    /// <summary>Keys: workspace, topic, day, channel, language, sentiment, intent, author.</summary>
    public static readonly Statement AddAuthor = Upsert("author_rollups", [("author_id", typeof(Guid))]);

    /// <summary>Values: post, workspace, created, channel, author, language, sentiment, intent, switcher, aspects, topics.</summary>
    public static readonly Statement InsertTally = new("""
        INSERT INTO post_tallies (post_id, workspace_id, created_at, channel_id, author_id, language, sentiment, intent, switcher, aspects, topic_ids)
        VALUES (@post, @workspace, @created, @channel, @author, @language, @sentiment, @intent, @switcher, @aspects, @topics)
        """, "post", "workspace", "created", "channel", "author", "language", "sentiment", "intent", "switcher", "aspects", "topics")
    {
        PostgresBulkSql = """
            INSERT INTO post_tallies (post_id, workspace_id, created_at, channel_id, author_id, language, sentiment, intent, switcher, aspects, topic_ids)
            SELECT * FROM unnest(@post, @workspace, @created, @channel, @author, @language, @sentiment, @intent, @switcher, @aspects, @topics)
            RETURNING post_id
            """,
        Types = [typeof(Guid), typeof(Guid), typeof(DateTime), typeof(Guid), typeof(Guid), typeof(string), typeof(string), typeof(string), typeof(bool), typeof(string), typeof(string)],
    };

    private static Statement Upsert(string table, (string Column, Type Type)[] extra)
    {
        var keys = Dimensions.Concat(extra.Select(e => e.Column)).ToArray();
        var columns = string.Join(", ", keys) + ", posts, latest_post_id";
        var names = keys.Concat(["posts", "latest_post_id"]).Select(k => k.Replace("_id", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)).ToArray();
        var onConflict = $"""
            ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET posts = {table}.posts + excluded.posts,
                latest_post_id = CASE WHEN excluded.posts > 0 THEN excluded.latest_post_id ELSE {table}.latest_post_id END
            """;
        var parameters = string.Join(", ", names.Select(n => "@" + n));
        return new Statement($"INSERT INTO {table} ({columns}) VALUES ({parameters})\n{onConflict}", names)
        {
            PostgresBulkSql = $"INSERT INTO {table} ({columns}) SELECT * FROM unnest({parameters})\n{onConflict}\nRETURNING {keys[0]}",
            Types = [.. DimensionTypes, .. extra.Select(e => e.Type), typeof(long), typeof(Guid)],
        };
    }
}
