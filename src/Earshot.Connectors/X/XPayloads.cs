using System.Text.Json;

namespace Earshot.Connectors.X;

// X API v2 shapes (snake_case). Only what Earshot reads; unknown fields are ignored.

public sealed record XTweet
{
    public string? Id { get; init; }
    public string? Text { get; init; }
    public string? AuthorId { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? Lang { get; init; }
    public string? ConversationId { get; init; }
    public IReadOnlyList<string>? EditHistoryTweetIds { get; init; }
    public IReadOnlyList<XReferencedTweet>? ReferencedTweets { get; init; }
}

public sealed record XReferencedTweet(string? Type, string? Id);

public sealed record XUser
{
    public string? Id { get; init; }
    public string? Username { get; init; }
    public string? Name { get; init; }
    public XUserMetrics? PublicMetrics { get; init; }
}

public sealed record XUserMetrics(int? FollowersCount);

public sealed record XIncludes
{
    public IReadOnlyList<XUser>? Users { get; init; }
}

public sealed record XMatchingRule(string? Id, string? Tag);

/// <summary>An RFC 7807-style problem; type hosts vary (api.twitter.com, api.x.com), so match on the path.</summary>
public sealed record XProblem
{
    public string? Title { get; init; }
    public string? Type { get; init; }
    public string? Detail { get; init; }
    public int? Status { get; init; }
    public string? DisconnectType { get; init; }
    public string? ConnectionIssue { get; init; }
    public string? ResourceId { get; init; }
}

/// <summary>A filtered-stream line or a search page: data (one or many), includes, errors, meta.</summary>
internal sealed record XEnvelope<TData>
{
    public TData? Data { get; init; }
    public XIncludes? Includes { get; init; }
    public IReadOnlyList<XMatchingRule>? MatchingRules { get; init; }
    public IReadOnlyList<XProblem>? Errors { get; init; }
    public XSearchMeta? Meta { get; init; }
}

public sealed record XSearchMeta
{
    public string? NewestId { get; init; }
    public string? OldestId { get; init; }
    public int? ResultCount { get; init; }
    public string? NextToken { get; init; }
}

internal static class XJson
{
    public static JsonSerializerOptions Options => Shared.ConnectorJson.SnakeCase;
}
