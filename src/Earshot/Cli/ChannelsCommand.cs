using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Bluesky;
using Earshot.Connectors.Email;
using Earshot.Connectors.Facebook;
using Earshot.Connectors.Intake;
using Earshot.Connectors.Mastodon;
using Earshot.Connectors.Reddit;
using Earshot.Connectors.Rss;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Connectors.WebChat;
using Earshot.Connectors.X;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.Engine.Workspaces;

namespace Earshot.Cli;

internal static partial class ChannelsCommand
{
    public static Command Create()
    {
        var command = new Command("channels", "Channels Earshot listens to: add, list (with health), change, pause, resume and remove them. A running `earshot serve` runs every configured channel that is not paused.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Set());
        command.Subcommands.Add(Pause(paused: true));
        command.Subcommands.Add(Pause(paused: false));
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(XRules());
        return command;
    }

    private static ChannelRegistry Registry(DatabaseTarget target)
    {
        var factory = new EarshotDbContextFactory(target);
        var directory = new WorkspaceDirectory(factory, TimeProvider.System);
        var outbound = CliOutbound.Services(factory);
        var http = outbound.GetRequiredService<IHttpClientFactory>();
        var guard = outbound.GetRequiredService<OutboundGuard>();
        var secrets = SecretBox.For(target);
        return new ChannelRegistry(factory, directory,
            [new RssConnector(http, TimeProvider.System), new MastodonConnector(http, secrets, TimeProvider.System), new RedditConnector(http, secrets, TimeProvider.System), new XConnector(http, secrets),
                new BlueskyConnector(outbound.GetRequiredService<IHttpMessageHandlerFactory>()), new IntakeConnector(), new FacebookConnector(), new InstagramConnector(),
                new EmailConnector(secrets, guard), new WebChatConnector()],
            secrets, guard, TimeProvider.System);
    }

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
                    c.Id, c.Workspace, kind = c.Kind.WireName(), c.Name, c.Paused, c.Warning,
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
                    $"{c.Workspace}\t{c.Kind.WireName()}\t{c.Name}\t{(c.Paused ? "paused" : c.Warning is { } warning ? "WARNING " + warning : "ok")}\tlast success {When(h.LastSuccessAt)}\tlast post {When(h.LastEventAt)}\tposts {h.PostsReceived}\treplies {h.RepliesSent}{(c.Kind == ChannelKind.X ? " ≈ $" + XConnector.ReplySpend(h.RepliesSent) : "")}\tfailures {h.ConsecutiveFailures}{(h.LastError is { } error ? "\tlast error: " + error : "")}"));
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
            if (await Registry(target).RemoveAsync(parse.GetValue(channel)!, Engine.Audit.AuditActor.Cli, cancellationToken))
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
