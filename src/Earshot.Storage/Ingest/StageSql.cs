namespace Earshot.Storage.Ingest;

/// <summary>The pipeline stages' result rows, written by <see cref="StageRows"/>.</summary>
public static class StageSql
{
    /// <summary>Values: post id, sentiment score, sentiment, intent, severity, aspects, model version, explanation, time.</summary>
    public static readonly Statement InsertClassification = new("""
        INSERT INTO classifications (post_id, sentiment_score, sentiment, intent, severity, aspects, model_version, explanation_json, classified_at)
        VALUES (@post, @score, @sentiment, @intent, @severity, @aspects, @model, @explanation, @at)
        """, "post", "score", "sentiment", "intent", "severity", "aspects", "model", "explanation", "at")
    {
        PostgresBulkSql = """
            INSERT INTO classifications (post_id, sentiment_score, sentiment, intent, severity, aspects, model_version, explanation_json, classified_at)
            SELECT * FROM unnest(@post, @score, @sentiment, @intent, @severity, @aspects, @model, @explanation, @at)
            RETURNING post_id
            """,
        Types = [typeof(Guid), typeof(double), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(string), typeof(DateTime)],
    };

    /// <summary>Values: post id, topic id, time.</summary>
    public static readonly Statement InsertTopicMatch = new("""
        INSERT INTO topic_matches (post_id, topic_id, matched_at) VALUES (@post, @topic, @at)
        """, "post", "topic", "at")
    {
        PostgresBulkSql = """
            INSERT INTO topic_matches (post_id, topic_id, matched_at)
            SELECT * FROM unnest(@post, @topic, @at)
            RETURNING post_id
            """,
        Types = [typeof(Guid), typeof(Guid), typeof(DateTime)],
    };
}
