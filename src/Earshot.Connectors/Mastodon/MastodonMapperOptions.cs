namespace Earshot.Connectors.Mastodon;

public sealed record MastodonMapperOptions
{
    public static MastodonMapperOptions Default { get; } = new();

    /// <summary>
    /// The brand's own accounts as "user@host" (case-insensitive). Their statuses map with IsBrand = true,
    /// so our replies never open cases.
    /// </summary>
    public IReadOnlySet<string> BrandAccounts { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
