namespace Earshot.Connectors.Reddit;

public sealed record RedditMapperOptions
{
    public static RedditMapperOptions Default { get; } = new();

    /// <summary>The brand's own usernames (case-insensitive, without "u/"); their items map with IsBrand = true.</summary>
    public IReadOnlySet<string> BrandUsers { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
