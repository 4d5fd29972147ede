using Earshot.Core.Posts;

namespace Earshot.Posts;

/// <summary>The filters of the Mentions stream and `GET /api/posts`. Null means "any".</summary>
public sealed record PostFilter
{
    public string? Workspace { get; init; }
    /// <summary>The caller's workspaces (null: all, for admins); set from the signed-in user, never from the query.</summary>
    public IReadOnlyCollection<Guid>? WorkspaceIds { get; init; }
    public ChannelKind? Channel { get; init; }
    public string? Topic { get; init; }
    public string? Sentiment { get; init; }
    public string? Intent { get; init; }
    public string? Language { get; init; }
    /// <summary>Drill-down from the insight pages: posts counted under this aspect (normalised, as the rollups count it).</summary>
    public string? Aspect { get; init; }
    public Guid? AuthorId { get; init; }
    /// <summary>Only posts that say their author is leaving for, or chose, someone else.</summary>
    public bool Switchers { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    /// <summary>The search as written (the listening query language); <see cref="Query"/> is it parsed.</summary>
    public string? Text { get; init; }
    public Earshot.Core.Topics.Query.QueryNode? Query { get; init; }
    public PostCursor? After { get; init; }
    public int Limit { get; init; } = 50;

    public const int MaxLimit = 200;
    public static readonly string[] Sentiments = ["negative", "neutral", "positive"];
    public static readonly string[] Intents = ["complaint", "question", "praise", "suggestion", "fyi", "spam"];
}
