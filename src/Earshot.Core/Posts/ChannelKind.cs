namespace Earshot.Core.Posts;

/// <summary>Where a post came from. Stored by its lower-case wire name (<see cref="ChannelKinds"/>).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(ChannelKindJsonConverter))]
public enum ChannelKind
{
    Api,
    Mastodon,
    Bluesky,
    X,
    Reddit,
    Rss,
    Facebook,
    Instagram,
    Email,
    WebChat,
    Intake,
}

public static class ChannelKinds
{
    private static readonly Dictionary<string, ChannelKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["api"] = ChannelKind.Api,
        ["mastodon"] = ChannelKind.Mastodon,
        ["bluesky"] = ChannelKind.Bluesky,
        ["x"] = ChannelKind.X,
        ["twitter"] = ChannelKind.X,
        ["reddit"] = ChannelKind.Reddit,
        ["rss"] = ChannelKind.Rss,
        ["facebook"] = ChannelKind.Facebook,
        ["instagram"] = ChannelKind.Instagram,
        ["email"] = ChannelKind.Email,
        ["webchat"] = ChannelKind.WebChat,
        ["intake"] = ChannelKind.Intake,
    };

    public static IReadOnlyList<ChannelKind> All { get; } = Enum.GetValues<ChannelKind>();

    public static string WireName(this ChannelKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out ChannelKind kind)
    {
        kind = default;
        return name is not null && ByName.TryGetValue(name.Trim(), out kind);
    }

    public static string Expected => string.Join(", ", All.Select(WireName));
}
