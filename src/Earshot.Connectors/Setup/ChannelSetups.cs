using System.Text.Json;
using Earshot.Connectors.Email;
using Earshot.Connectors.Facebook;
using Earshot.Connectors.Rss;
using Earshot.Connectors.WebChat;
using Earshot.Core.Posts;

namespace Earshot.Connectors.Setup;

/// <summary>Every kind of channel that can be added, in the order the CLI and the Channels page offer them.</summary>
public static partial class ChannelSetups
{
    public static IReadOnlyList<ChannelSetup> All { get; } =
        [Rss, Mastodon, Reddit, X, Bluesky, Intake, Meta(ChannelKind.Facebook), Meta(ChannelKind.Instagram), Email, WebChat];

    public static ChannelSetup? For(ChannelKind kind) => All.FirstOrDefault(s => s.Kind == kind);

    public static string Known => string.Join(", ", All.Select(s => s.Kind.WireName()));

    private static ChannelSetup Rss => new(ChannelKind.Rss, "RSS or Atom feed", "Poll a blog, news or review-site feed",
    [
        new("url", "--base-url", "Feed URL", "The feed's address (RSS 2.0, RSS 1.0 or Atom)", SettingType.Url) { Required = true, Example = "https://blog.example.com/feed.xml" },
        new("interval_seconds", "--interval", "Interval (seconds)", "Seconds between polls", SettingType.Integer) { Default = (int)RssConnector.DefaultInterval.TotalSeconds },
        new("is_brand", "--brand", "The brand's own feed", "The brand's own blog or status page: its entries never open cases", SettingType.Boolean) { Default = false },
    ])
    {
        NameHelp = "The channel's name (default: the feed's host and path)",
        NamePosition = 1,
        DefaultName = s => Uri.TryCreate(Text(s, "url"), UriKind.Absolute, out var uri) ? (uri.Host + uri.AbsolutePath).TrimEnd('/') : Text(s, "url") ?? "",
    };

    private static ChannelSetup Mastodon => new(ChannelKind.Mastodon, "Mastodon hashtag", "Follow a hashtag on a Mastodon server (streaming, with catch-up after every reconnect)",
    [
        new("base_url", "--base-url", "Server URL", "The Mastodon server, e.g. https://mastodon.social", SettingType.Url) { Required = true, Example = "https://mastodon.social" },
        new("token", "--token", "Access token", "An access token with read:statuses, and write:statuses for replies (stored encrypted, never shown again)") { Required = true, Secret = true },
        new("hashtag", "--hashtag", "Hashtag", "The hashtag to follow, without #") { Required = true, Normalize = tag => tag.TrimStart('#'), Example = "brand" },
        new("query", "--query", "Listening query", "Also keep only posts this listening query matches (optional)"),
        new("streaming_url", "--streaming-url", "Streaming URL", "The streaming host, when the server runs it elsewhere", SettingType.Url),
    ])
    {
        NameHelp = "The channel's name (default: server and hashtag)",
        DefaultName = s => $"{(Uri.TryCreate(Text(s, "base_url"), UriKind.Absolute, out var uri) ? uri.Host : Text(s, "base_url"))} #{Text(s, "hashtag")}",
    };

    private static ChannelSetup Reddit => new(ChannelKind.Reddit, "Reddit", "Poll a subreddit or a search over Reddit's OAuth API",
    [
        new("base_url", "--base-url", "API URL", "The OAuth API", SettingType.Url) { Default = "https://oauth.reddit.com" },
        new("auth_url", "--auth-url", "Token URL", "Where tokens are issued", SettingType.Url) { Default = "https://www.reddit.com" },
        new("client_id", "--client-id", "Client id", "The Reddit app's client id") { Required = true },
        new("client_secret", "--client-secret", "Client secret", "The Reddit app's secret (stored encrypted, never shown again)") { Required = true, Secret = true },
        new("subreddit", "--subreddit", "Subreddit", "Watch this subreddit's new posts (name without r/)"),
        new("query", "--query", "Search", "Or watch a Reddit search, newest first"),
        new("interval_seconds", "--interval", "Interval (seconds)", "Seconds between polls", SettingType.Integer) { Default = 120 },
        new("username", "--username", "Reply account", "For replies: the script app's account"),
        new("password", "--password", "Reply account password", "For replies: that account's password (stored encrypted, never shown again)") { Secret = true },
    ])
    {
        NameHelp = "The channel's name (default: r/SUBREDDIT or the query)",
        DefaultName = s => Text(s, "subreddit") is { } sub ? "r/" + sub : "search: " + Text(s, "query"),
    };

    private static ChannelSetup X => new(ChannelKind.X, "X (filtered stream)", "Follow X's filtered stream with a rule per topic (see `earshot channels x-rules`), with recent search filling every gap",
    [
        new("base_url", "--base-url", "API URL", "The X API", SettingType.Url) { Default = "https://api.x.com" },
        new("bearer_token", "--bearer-token", "Bearer token", "An app-only bearer token (stored encrypted, never shown again)") { Required = true, Secret = true },
        new("rule", "--rule", "Rule", "A rule of the channel's own, in X's rule syntax (e.g. '@Brand OR \"brand name\" -is:retweet'), besides one rule per topic"),
        new("follow_topics", "--follow-topics", "A rule per topic", "Send a rule per topic of the workspace (see `earshot channels x-rules`); false sends only the channel's own rule", SettingType.Boolean) { Default = true },
        new("rule_max_length", "--rule-max-length", "Longest rule", "Longest rule the X tier accepts (512 basic, 1024 pay-per-use and Pro)", SettingType.Integer),
        new("user_token", "--user-token", "Reply token", "For replies: an OAuth 2.0 user token with tweet.write (stored encrypted, never shown again)") { Secret = true },
    ])
    {
        NameHelp = "The channel's name (default: x: RULE, or x: topics)",
        DefaultName = s => "x: " + (Text(s, "rule") ?? "topics"),
    };

    private static ChannelSetup Bluesky => new(ChannelKind.Bluesky, "Bluesky (Jetstream)", "Listen to every new Bluesky post through Jetstream, keeping those the query matches",
    [
        new("jetstream_url", "--base-url", "Jetstream URL", "The Jetstream endpoint", SettingType.Url) { Default = "wss://jetstream2.us-east.bsky.network/subscribe", Schemes = ["ws", "wss"] },
        new("query", "--query", "Listening query", "The listening query that picks posts out of the whole network") { Required = true },
        new("identifier", "--identifier", "Reply account", "For replies: the brand account's handle or DID"),
        new("app_password", "--app-password", "Reply app password", "For replies: an app password of that account (stored encrypted, never shown again)") { Secret = true },
        new("pds_url", "--pds-url", "Reply PDS", "For replies: the account's PDS (default https://bsky.social)", SettingType.Url),
    ])
    {
        NameHelp = "The channel's name (default: bluesky: QUERY)",
        DefaultName = s => "bluesky: " + Text(s, "query"),
    };

    private static ChannelSetup Email => new(ChannelKind.Email, "E-mail (IMAP and SMTP)", "Read a support mailbox over IMAP (IDLE when offered) and reply over SMTP",
    [
        new("imap_url", "--imap", "IMAP server", "The IMAP server: imaps://host[:port] (or imap:// with STARTTLS when offered)", SettingType.Url) { Required = true, Schemes = ["imap", "imaps"], Example = "imaps://mail.example.com" },
        new("smtp_url", "--smtp", "SMTP server", "The SMTP server for replies: smtps://host[:port] or smtp://host[:port]", SettingType.Url) { Required = true, Schemes = ["smtp", "smtps"], Example = "smtps://mail.example.com" },
        new("username", "--username", "User name", "The mailbox's user name") { Required = true },
        new("password", "--password", "Password", "The mailbox's password or app password (stored encrypted, never shown again)") { Required = true, Secret = true },
        new("address", "--address", "Address", "Our e-mail address, when the user name is not one"),
        new("folder", "--folder", "Folder", "The folder to read") { Default = "INBOX" },
        new("interval_seconds", "--interval", "Interval (seconds)", "Seconds between polls, or the longest IDLE", SettingType.Integer) { Default = EmailAccount.DefaultIntervalSeconds },
        new("max_attachment_bytes", null, "Largest attachment (bytes)", "Attachments larger than this are listed without their content", SettingType.Integer),
    ])
    {
        NameHelp = "The channel's name (default: the address)",
        DefaultName = s => Text(s, "address") ?? Text(s, "username")!,
    };

    private static ChannelSetup WebChat => new(ChannelKind.WebChat, "Web chat widget", "A chat widget for the brand's own site: visitors' messages become posts and cases, agents answer live (see src/Earshot.Engine/Connectors/WebChat/README.md)",
    [
        new("origins", "--origin", "Sites", "A site that embeds the widget, as scheme://host[:port] (repeat for several)", SettingType.List)
        {
            Required = true, Normalize = origin => WebChatOrigins.Normalize(origin) ?? origin, Example = "https://brand.example",
        },
        new("secret", "--secret", "Signing secret", "The secret that signs visitor tokens, at least 32 characters (default: a new random one, shown once; stored encrypted)")
        {
            Secret = true, GeneratedWhenMissing = true,
        },
    ])
    {
        NameHelp = "The channel's name (default: webchat: the first site's host)",
        DefaultName = s => "webchat: " + (s.TryGetValue("origins", out var origins) && origins.ValueKind == JsonValueKind.Array && origins.GetArrayLength() > 0
            && Uri.TryCreate(origins[0].GetString(), UriKind.Absolute, out var uri) ? uri.Host : null),
    };

    private static string? Text(IReadOnlyDictionary<string, JsonElement> settings, string key) =>
        settings.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
