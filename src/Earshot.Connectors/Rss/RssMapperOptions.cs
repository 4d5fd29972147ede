namespace Earshot.Connectors.Rss;

public sealed record RssMapperOptions
{
    public static RssMapperOptions Default { get; } = new();

    /// <summary>The feed is the brand's own (its blog, status page): its entries map with IsBrand = true.</summary>
    public bool IsBrandFeed { get; init; }

    /// <summary>Documents larger than this are refused (feeds are usually well under 1 MB).</summary>
    public long MaxCharacters { get; init; } = 16 * 1024 * 1024;
}
