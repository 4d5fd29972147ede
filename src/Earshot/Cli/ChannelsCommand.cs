using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Earshot.Channels.Connectors;
using Earshot.Channels.Connectors.Rss;
using Earshot.Channels.Workspaces;
using Earshot.Core.Posts;
using Earshot.Storage;

namespace Earshot.Cli;

internal static class ChannelsCommand
{
    public static Command Create()
    {
        var command = new Command("channels", "Channels Earshot listens to: add, list (with health) and remove them. A running `earshot serve` runs every configured channel.");
        command.Subcommands.Add(AddRss());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static ChannelRegistry Registry(DatabaseTarget target)
    {
        var factory = new EarshotDbContextFactory(target);
        var directory = new WorkspaceDirectory(factory, TimeProvider.System);
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new ChannelRegistry(factory, directory, [new RssConnector(http)], TimeProvider.System);
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
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            var feed = parse.GetValue(url)!;
            var settings = JsonSerializer.SerializeToElement(new Dictionary<string, object>
            {
                ["url"] = feed,
                ["interval_seconds"] = parse.GetValue(interval),
                ["is_brand"] = parse.GetValue(brand),
            });
            var channelName = parse.GetValue(name) ?? DefaultName(feed);
            var added = await Registry(target).AddAsync(parse.GetValue(workspace), ChannelKind.Rss, channelName, settings, cancellationToken);
            if (added.Channel is null)
            {
                foreach (var (field, message) in added.Errors)
                    await Console.Error.WriteLineAsync($"error: {field}: {message}");
                return EarshotCli.BadInput;
            }
            Console.WriteLine($"Added rss channel '{added.Channel.Name}' ({added.Channel.Id}). A running server starts polling it within seconds.");
            return EarshotCli.Ok;
        });
        var add = new Command("add", "Add a channel") { rss };
        return add;
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
