namespace Earshot.Connectors.Bluesky;

public sealed record BlueskyMapperOptions
{
    public static BlueskyMapperOptions Default { get; } = new();

    /// <summary>The brand's own DIDs (stable, unlike handles); their posts map with IsBrand = true.</summary>
    public IReadOnlySet<string> BrandDids { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Handles already known for DIDs (Jetstream sends only DIDs). The connector fills it from earlier search
    /// results or identity events; unknown authors show by DID.
    /// </summary>
    public Func<string, string?> HandleOf { get; init; } = _ => null;
}
