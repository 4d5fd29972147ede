using System.Text.Json;

namespace Earshot.Connectors.Reddit;

// Reddit "things" (snake_case). Only what Earshot reads.

public sealed record RedditThing(string? Kind, JsonElement? Data);

public sealed record RedditListingData
{
    public string? After { get; init; }
    public string? Before { get; init; }
    public IReadOnlyList<JsonElement>? Children { get; init; }
}

/// <summary>A t3 (submission) or t1 (comment).</summary>
public sealed record RedditItemData
{
    public string? Id { get; init; }
    /// <summary>The fullname, "t3_abc" / "t1_xyz": unique across kinds, used as ExternalId and as paging anchor.</summary>
    public string? Name { get; init; }
    public string? Author { get; init; }
    public string? Title { get; init; }
    public string? Selftext { get; init; }
    public string? Body { get; init; }
    public double? CreatedUtc { get; init; }
    public string? Permalink { get; init; }
    public string? Subreddit { get; init; }
    public string? Url { get; init; }
    public bool? IsSelf { get; init; }
    /// <summary>false, or the edit time as float epoch seconds.</summary>
    public JsonElement? Edited { get; init; }
    public string? ParentId { get; init; }
    public string? LinkId { get; init; }
    public string? Lang { get; init; }
}
