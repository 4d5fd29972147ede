using System.Text.Json.Serialization;
using Earshot.Core.Posts;

namespace Earshot.Posts;

/// <summary>A post as lists show it (the Mentions page and `GET /api/posts`).</summary>
public sealed record PostSummary
{
    public required Guid Id { get; init; }
    public required string ExternalId { get; init; }
    public required string Workspace { get; init; }
    [JsonIgnore]
    public ChannelKind ChannelKind { get; init; }
    public string Channel => ChannelKind.WireName();
    public required string AuthorHandle { get; init; }
    public string? AuthorDisplayName { get; init; }
    public int? AuthorFollowers { get; init; }
    public required string Text { get; init; }
    public string? Language { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime ReceivedAt { get; init; }
    public DateTime? EditedAt { get; init; }
    public string? Url { get; init; }
    public string? InReplyTo { get; init; }
    public string? ThreadId { get; init; }
    public bool IsBrand { get; init; }
    /// <summary>Null while the post has not been classified (or no classifier is installed).</summary>
    public LabelSummary? Labels { get; set; }
    public IReadOnlyList<string> Topics { get; set; } = [];
}

/// <param name="Severity">The severity cues comma-joined ("outage,billing"), as the posts API has always answered them.</param>
public sealed record LabelSummary(string Sentiment, double SentimentScore, string Intent, string Severity, string ModelVersion);

public sealed record PostPage(IReadOnlyList<PostSummary> Items, PostCursor? Next);
