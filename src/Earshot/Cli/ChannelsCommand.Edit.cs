using System.CommandLine;
using System.Text.Json;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Engine.Audit;

namespace Earshot.Cli;

// `channels set|pause|resume`: the same rules as PUT /api/channels/{id} and its pause and resume, audited as the CLI's.
internal static partial class ChannelsCommand
{
    private static Command Set()
    {
        var channel = new Argument<string>("channel") { Description = "The channel's name or id" };
        var name = new Option<string?>("--name") { Description = "A new name" };
        var settings = new Option<string[]>("--setting")
        {
            Description = "KEY=VALUE, repeatable, as `channels add` names them in its help (base_url, interval_seconds …); a setting not given keeps its value",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var allowPrivate = CliOutbound.AllowPrivateNetwork("the channel");
        var db = CommonOptions.Db();
        var command = new Command("set", "Change a channel's name or settings; a running server restarts it with them") { channel, name, settings, allowPrivate, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var given = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(settings) ?? [])
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0)
                {
                    await Console.Error.WriteLineAsync($"error: --setting: '{pair}' is not KEY=VALUE");
                    return EarshotCli.BadInput;
                }
                given[pair[..at].Trim()] = JsonSerializer.SerializeToElement(pair[(at + 1)..]);
            }
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            var registry = Registry(target);
            if (await FindChannelAsync(target, parse.GetValue(channel)!, cancellationToken) is not { } id)
                return await NoChannelAsync(parse.GetValue(channel)!);
            var consent = parse.GetValue(allowPrivate) ? new PrivateNetworkConsent(null, "channels set") : null;
            var changed = await registry.ChangeAsync(id, parse.GetValue(name), given, consent, AuditActor.Cli, cancellationToken);
            if (changed.Channel is null)
            {
                foreach (var (field, message) in changed.Errors)
                    await Console.Error.WriteLineAsync($"error: {field}: {message}");
                return EarshotCli.BadInput;
            }
            Console.WriteLine($"Changed channel '{changed.Channel.Name}'. A running server restarts it with the new settings within seconds.");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command Pause(bool paused)
    {
        var channel = new Argument<string>("channel") { Description = "The channel's name or id" };
        var db = CommonOptions.Db();
        var command = new Command(paused ? "pause" : "resume", paused
            ? "Pause a channel: a running server stops fetching from it (a push channel refuses deliveries) until it is resumed"
            : "Resume a paused channel: a running server starts it again within seconds") { channel, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            var found = await Registry(target).SetPausedAsync(parse.GetValue(channel)!, paused, AuditActor.Cli, cancellationToken);
            if (found is null)
                return await NoChannelAsync(parse.GetValue(channel)!);
            Console.WriteLine(paused ? $"Paused '{found.Name}'." : $"Resumed '{found.Name}'.");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static async Task<Guid?> FindChannelAsync(DatabaseTarget target, string nameOrId, CancellationToken cancellationToken)
    {
        await using var context = target.CreateContext();
        var id = Guid.TryParse(nameOrId, out var parsed) ? parsed : Guid.Empty;
        var ids = await context.Channels.Where(c => c.Enabled && (c.Id == id || c.Name == nameOrId)).Select(c => c.Id).Take(2).ToListAsync(cancellationToken);
        return ids.Count == 1 ? ids[0] : null;
    }

    private static async Task<int> NoChannelAsync(string nameOrId)
    {
        await Console.Error.WriteLineAsync($"error: no configured channel is named '{nameOrId}' (or the name is ambiguous: give the id); see: earshot channels list");
        return EarshotCli.BadInput;
    }
}
