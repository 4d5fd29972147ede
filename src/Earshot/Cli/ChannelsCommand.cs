using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Earshot.Channels.Connectors;
using Earshot.Channels.Connectors.Bluesky;
using Earshot.Channels.Connectors.Email;
using Earshot.Channels.Connectors.Facebook;
using Earshot.Channels.Connectors.Intake;
using Earshot.Channels.Connectors.Mastodon;
using Earshot.Channels.Connectors.Reddit;
using Earshot.Channels.Connectors.Rss;
using Earshot.Channels.Connectors.WebChat;
using Earshot.Channels.Connectors.X;
using Earshot.Channels.Workspaces;
using Earshot.Core.Posts;
using Earshot.Storage;

namespace Earshot.Cli;

internal static partial class ChannelsCommand
{
    public static Command Create()
    {
        var command = new Command("channels", "Channels Earshot listens to: add, list (with health) and remove them. A running `earshot serve` runs every configured channel.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(XRules());
        return command;
    }

    private static ChannelRegistry Registry(DatabaseTarget target)
    {
        var factory = new EarshotDbContextFactory(target);
        var directory = new WorkspaceDirectory(factory, TimeProvider.System);
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var secrets = SecretBox.For(target);
        return new ChannelRegistry(factory, directory,
            [new RssConnector(http), new MastodonConnector(http, secrets), new RedditConnector(http, secrets, TimeProvider.System), new XConnector(http, secrets), new BlueskyConnector(),
                new IntakeConnector(), new FacebookConnector(), new InstagramConnector(),
                new EmailConnector(secrets), new WebChatConnector()],
            secrets, TimeProvider.System);
    }

    private static Command Add() => new("add", "Add a channel") { AddRss(), AddMastodon(), AddReddit(), AddX(), AddBluesky(), AddIntake(), AddMeta(ChannelKind.Facebook), AddMeta(ChannelKind.Instagram), AddEmail(), AddWebChat() };

    private static Command AddBluesky()
    {
        var url = new Option<string>("--base-url") { Description = "The Jetstream endpoint", DefaultValueFactory = _ => "wss://jetstream2.us-east.bsky.network/subscribe" };
        var query = new Option<string>("--query") { Description = "The listening query that picks posts out of the whole network", Required = true };
        var name = new Option<string?>("--name") { Description = "The channel's name (default: bluesky: QUERY)" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var bluesky = new Command("bluesky", "Listen to every new Bluesky post through Jetstream, keeping those the query matches") { url, query, name, workspace, db };
        bluesky.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Dictionary<string, object?> { ["jetstream_url"] = parse.GetValue(url), ["query"] = parse.GetValue(query) };
            return await AddAsync(DatabaseTarget.Parse(parse.GetValue(db)), parse.GetValue(workspace), ChannelKind.Bluesky,
                parse.GetValue(name) ?? "bluesky: " + parse.GetValue(query), settings, cancellationToken);
        });
        return bluesky;
    }

    private static Command AddX()
    {
        var url = new Option<string>("--base-url") { Description = "The X API", DefaultValueFactory = _ => "https://api.x.com" };
        var token = new Option<string>("--bearer-token") { Description = "An app-only bearer token (stored encrypted, never shown again)", Required = true };
        var rule = new Option<string?>("--rule") { Description = "A rule of the channel's own, in X's rule syntax (e.g. '@Brand OR \"brand name\" -is:retweet'), besides one rule per topic" };
        var noTopics = new Option<bool>("--no-topics") { Description = "Send only --rule, not a rule per topic of the workspace" };
        var maxLength = new Option<int?>("--rule-max-length") { Description = "Longest rule the X tier accepts (512 basic, 1024 pay-per-use and Pro)" };
        var name = new Option<string?>("--name") { Description = "The channel's name (default: x: RULE, or x: topics)" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var x = new Command("x", "Follow X's filtered stream with a rule per topic (see `earshot channels x-rules`), with recent search filling every gap")
            { url, token, rule, noTopics, maxLength, name, workspace, db };
        x.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Dictionary<string, object?>
            {
                ["base_url"] = parse.GetValue(url), ["bearer_token"] = parse.GetValue(token), ["rule"] = parse.GetValue(rule),
                ["follow_topics"] = !parse.GetValue(noTopics),
            };
            if (parse.GetValue(maxLength) is { } max)
                settings["rule_max_length"] = max;
            return await AddAsync(DatabaseTarget.Parse(parse.GetValue(db)), parse.GetValue(workspace), ChannelKind.X,
                parse.GetValue(name) ?? "x: " + (parse.GetValue(rule) ?? "topics"), settings, cancellationToken);
        });
        return x;
    }

    private static Command AddReddit()
    {
        var url = new Option<string>("--base-url") { Description = "The OAuth API", DefaultValueFactory = _ => "https://oauth.reddit.com" };
        var authUrl = new Option<string>("--auth-url") { Description = "Where tokens are issued", DefaultValueFactory = _ => "https://www.reddit.com" };
        var clientId = new Option<string>("--client-id") { Description = "The Reddit app's client id", Required = true };
        var clientSecret = new Option<string>("--client-secret") { Description = "The Reddit app's secret (stored encrypted, never shown again)", Required = true };
        var subreddit = new Option<string?>("--subreddit") { Description = "Watch this subreddit's new posts (name without r/)" };
        var query = new Option<string?>("--query") { Description = "Or watch a Reddit search, newest first" };
        var interval = new Option<int>("--interval") { Description = "Seconds between polls", DefaultValueFactory = _ => 120 };
        var name = new Option<string?>("--name") { Description = "The channel's name (default: r/SUBREDDIT or the query)" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var reddit = new Command("reddit", "Poll a subreddit or a search over Reddit's OAuth API")
        {
            url, authUrl, clientId, clientSecret, subreddit, query, interval, name, workspace, db,
        };
        reddit.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Dictionary<string, object?>
            {
                ["base_url"] = parse.GetValue(url), ["auth_url"] = parse.GetValue(authUrl),
                ["client_id"] = parse.GetValue(clientId), ["client_secret"] = parse.GetValue(clientSecret),
                ["interval_seconds"] = parse.GetValue(interval),
            };
            if (parse.GetValue(subreddit) is { } sub)
                settings["subreddit"] = sub;
            if (parse.GetValue(query) is { } text)
                settings["query"] = text;
            var fallback = parse.GetValue(subreddit) is { } s ? "r/" + s : "search: " + parse.GetValue(query);
            return await AddAsync(DatabaseTarget.Parse(parse.GetValue(db)), parse.GetValue(workspace), ChannelKind.Reddit,
                parse.GetValue(name) ?? fallback, settings, cancellationToken);
        });
        return reddit;
    }

    private static async Task<int> AddAsync(DatabaseTarget target, string? workspace, ChannelKind kind, string name, Dictionary<string, object?> settings, CancellationToken cancellationToken) =>
        (await AddChannelAsync(target, workspace, kind, name, settings, cancellationToken)) is null ? EarshotCli.BadInput : EarshotCli.Ok;

    /// <summary>Adds the channel and says so; null (after printing the errors) when the settings were refused.</summary>
    private static async Task<Channel?> AddChannelAsync(DatabaseTarget target, string? workspace, ChannelKind kind, string name, Dictionary<string, object?> settings, CancellationToken cancellationToken)
    {
        await Migrator.MigrateAsync(target, cancellationToken);
        var added = await Registry(target).AddAsync(workspace, kind, name, JsonSerializer.SerializeToElement(settings), cancellationToken);
        if (added.Channel is null)
        {
            foreach (var (field, message) in added.Errors)
                await Console.Error.WriteLineAsync($"error: {field}: {message}");
            return null;
        }
        Console.WriteLine($"Added {kind.WireName()} channel '{added.Channel.Name}' ({added.Channel.Id}). A running server starts it within seconds.");
        return added.Channel;
    }

    private static Command AddMastodon()
    {
        var url = new Option<string>("--base-url") { Description = "The Mastodon server, e.g. https://mastodon.social", Required = true };
        var token = new Option<string>("--token") { Description = "An access token with read:statuses (stored encrypted, never shown again)", Required = true };
        var hashtag = new Option<string>("--hashtag") { Description = "The hashtag to follow, without #", Required = true };
        var query = new Option<string?>("--query") { Description = "Also keep only posts this listening query matches (optional)" };
        var streaming = new Option<string?>("--streaming-url") { Description = "The streaming host, when the server runs it elsewhere" };
        var name = new Option<string?>("--name") { Description = "The channel's name (default: server and hashtag)" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var mastodon = new Command("mastodon", "Follow a hashtag on a Mastodon server (streaming, with catch-up after every reconnect)")
        {
            url, token, hashtag, query, streaming, name, workspace, db,
        };
        mastodon.SetAction(async (parse, cancellationToken) =>
        {
            var baseUrl = parse.GetValue(url)!;
            var tag = parse.GetValue(hashtag)!.TrimStart('#');
            var settings = new Dictionary<string, object?> { ["base_url"] = baseUrl, ["token"] = parse.GetValue(token), ["hashtag"] = tag };
            if (parse.GetValue(query) is { } text)
                settings["query"] = text;
            if (parse.GetValue(streaming) is { } stream)
                settings["streaming_url"] = stream;
            var host = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.Host : baseUrl;
            return await AddAsync(DatabaseTarget.Parse(parse.GetValue(db)), parse.GetValue(workspace), ChannelKind.Mastodon,
                parse.GetValue(name) ?? $"{host} #{tag}", settings, cancellationToken);
        });
        return mastodon;
    }

    private static Command AddRss()
    {
        var url = new Option<string>("--base-url") { Description = "The feed's address (RSS 2.0, RSS 1.0 or Atom)", Required = true };
        var name = new Option<string?>("--name") { Description = "The channel's name (default: the feed's host and path)" };
        var interval = new Option<int>("--interval") { Description = "Seconds between polls", DefaultValueFactory = _ => (int)RssConnector.DefaultInterval.TotalSeconds };
        var brand = new Option<bool>("--brand") { Description = "The brand's own blog or status page: its entries never open cases" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var rss = new Command("rss", "Poll a blog, news or review-site feed") { url, name, interval, brand, workspace, db };
        rss.SetAction(async (parse, cancellationToken) =>
        {
            var feed = parse.GetValue(url)!;
            var settings = new Dictionary<string, object?>
            {
                ["url"] = feed,
                ["interval_seconds"] = parse.GetValue(interval),
                ["is_brand"] = parse.GetValue(brand),
            };
            return await AddAsync(DatabaseTarget.Parse(parse.GetValue(db)), parse.GetValue(workspace), ChannelKind.Rss,
                parse.GetValue(name) ?? DefaultName(feed), settings, cancellationToken);
        });
        return rss;
    }

    private static string DefaultName(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? (uri.Host + uri.AbsolutePath).TrimEnd('/') : url;

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var db = CommonOptions.Db();
        var command = new Command("list", "List configured channels and their health") { json, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            var channels = await Registry(target).ListAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(channels.Select(c => new
                {
                    c.Id, c.Workspace, kind = c.Kind.WireName(), c.Name, c.Warning,
                    health = c.Health,
                }), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
                return EarshotCli.Ok;
            }
            if (channels.Count == 0)
                Console.WriteLine("No channels yet. Add one with: earshot channels add rss --base-url URL");
            foreach (var c in channels)
            {
                var h = c.Health;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Workspace}\t{c.Kind.WireName()}\t{c.Name}\t{(c.Warning is { } warning ? "WARNING " + warning : "ok")}\tlast success {When(h.LastSuccessAt)}\tlast post {When(h.LastEventAt)}\tposts {h.PostsReceived}\tfailures {h.ConsecutiveFailures}{(h.LastError is { } error ? "\tlast error: " + error : "")}"));
            }
            return EarshotCli.Ok;
        });
        return command;
    }

    private static string When(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "never";

    private static Command Remove()
    {
        var channel = new Argument<string>("channel") { Description = "The channel's name or id" };
        var db = CommonOptions.Db();
        var command = new Command("remove", "Stop listening to a channel (its posts stay)") { channel, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            if (await Registry(target).RemoveAsync(parse.GetValue(channel)!, cancellationToken))
            {
                Console.WriteLine($"Removed '{parse.GetValue(channel)}'.");
                return EarshotCli.Ok;
            }
            await Console.Error.WriteLineAsync($"error: no configured channel is named '{parse.GetValue(channel)}'");
            return EarshotCli.BadInput;
        });
        return command;
    }
}
