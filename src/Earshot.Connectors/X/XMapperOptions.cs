namespace Earshot.Connectors.X;

public sealed record XMapperOptions
{
    public static XMapperOptions Default { get; } = new();

    /// <summary>The brand's own user ids (stable, unlike usernames); their posts map with IsBrand = true.</summary>
    public IReadOnlySet<string> BrandUserIds { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
