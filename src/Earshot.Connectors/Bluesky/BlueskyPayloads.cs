using System.Text.Json;
using System.Text.Json.Serialization;

namespace Earshot.Connectors.Bluesky;

// atproto shapes (camelCase). Only what Earshot reads; unknown fields (v2 "cursor", embeds) are ignored.

/// <summary>One Jetstream v1 message (/subscribe): kind = commit | identity | account.</summary>
public sealed record JetstreamEvent
{
    public string? Did { get; init; }
    [JsonPropertyName("time_us")]
    public long? TimeUs { get; init; }
    public string? Kind { get; init; }
    public JetstreamCommit? Commit { get; init; }
}

public sealed record JetstreamCommit
{
    public string? Rev { get; init; }
    public string? Operation { get; init; }
    public string? Collection { get; init; }
    public string? Rkey { get; init; }
    public string? Cid { get; init; }
    public JsonElement? Record { get; init; }
}

/// <summary>An app.bsky.feed.post record.</summary>
public sealed record BlueskyPostRecord
{
    public string? Text { get; init; }
    public string? CreatedAt { get; init; }
    public IReadOnlyList<string>? Langs { get; init; }
    public BlueskyReplyRef? Reply { get; init; }
    public IReadOnlyList<BlueskyFacet>? Facets { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
}

public sealed record BlueskyReplyRef(BlueskyStrongRef? Root, BlueskyStrongRef? Parent);

public sealed record BlueskyStrongRef(string? Uri, string? Cid);

public sealed record BlueskyFacet(BlueskyByteSlice? Index, IReadOnlyList<BlueskyFacetFeature>? Features);

public sealed record BlueskyByteSlice(int ByteStart, int ByteEnd);

public sealed record BlueskyFacetFeature
{
    [JsonPropertyName("$type")]
    public string? Type { get; init; }
    public string? Did { get; init; }
    public string? Uri { get; init; }
    public string? Tag { get; init; }
}

/// <summary>app.bsky.feed.searchPosts output: posts, an opaque cursor, sometimes hitsTotal.</summary>
public sealed record BlueskySearchResponse
{
    public IReadOnlyList<JsonElement>? Posts { get; init; }
    public string? Cursor { get; init; }
    public int? HitsTotal { get; init; }
}

/// <summary>app.bsky.feed.defs#postView (the fields we use).</summary>
public sealed record BlueskyPostView
{
    public string? Uri { get; init; }
    public string? Cid { get; init; }
    public BlueskyProfile? Author { get; init; }
    public JsonElement? Record { get; init; }
    public string? IndexedAt { get; init; }
}

public sealed record BlueskyProfile
{
    public string? Did { get; init; }
    public string? Handle { get; init; }
    public string? DisplayName { get; init; }
    public int? FollowersCount { get; init; }
}

/// <summary>XRPC error envelope: {"error": "RateLimitExceeded", "message": "..."}.</summary>
public sealed record BlueskyXrpcError(string? Error, string? Message);
