namespace Earshot.Connectors.Mastodon;

// Only the fields Earshot reads; Mastodon adds keys between versions (4.6: quote, collections), which are ignored.

public sealed record MastodonStatus
{
    public string? Id { get; init; }
    public string? Uri { get; init; }
    public string? Url { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public string? InReplyToId { get; init; }
    public string? InReplyToAccountId { get; init; }
    public string? Language { get; init; }
    public string? Content { get; init; }
    public string? SpoilerText { get; init; }
    public string? Visibility { get; init; }
    public MastodonAccount? Account { get; init; }
    public MastodonStatus? Reblog { get; init; }
}

public sealed record MastodonAccount
{
    public string? Id { get; init; }
    public string? Username { get; init; }
    /// <summary>"user" for accounts local to the instance that served the status, "user@host" otherwise.</summary>
    public string? Acct { get; init; }
    public string? DisplayName { get; init; }
    public string? Url { get; init; }
    public int? FollowersCount { get; init; }
    public bool? Bot { get; init; }
}

/// <summary>Mastodon error bodies are <c>{"error": "..."}</c>, localised per Accept-Language.</summary>
public sealed record MastodonErrorBody
{
    public string? Error { get; init; }
    public string? ErrorDescription { get; init; }
}
