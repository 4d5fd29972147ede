namespace Earshot.Core.Topics;

/// <summary>
/// What a topic listens for, so share of voice can set the brand's topic beside its competitors'. Stored and
/// written by its lower-case wire name (<see cref="TopicKinds"/>).
/// </summary>
public enum TopicKind
{
    // Other is the CLR default on purpose: it is also the database default, so the two can never disagree.
    Other,
    Brand,
    Competitor,
    Product,
    Campaign,
}

public static class TopicKinds
{
    /// <summary>In the order people choose from: the brand first, the catch-all last.</summary>
    public static IReadOnlyList<TopicKind> All { get; } = [TopicKind.Brand, TopicKind.Competitor, TopicKind.Product, TopicKind.Campaign, TopicKind.Other];

    public static string WireName(this TopicKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Only the wire names (any case) parse: numbers and unknown words are refused.</summary>
    public static bool TryParse(string? name, out TopicKind kind)
    {
        kind = TopicKind.Other;
        var wanted = name?.Trim();
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        return false;
    }

    /// <summary>The allowed values, for error messages: "brand, competitor, product, campaign, other".</summary>
    public static string Expected => string.Join(", ", All.Select(WireName));
}
