using System.CommandLine;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Setup;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Core.Posts;

namespace Earshot.Cli;

// `channels add KIND`: one subcommand per kind, its options made from the kind's ChannelSetup, which the API and the
// Channels page use too.
internal static partial class ChannelsCommand
{
    private static Command Add()
    {
        var add = new Command("add", "Add a channel");
        foreach (var setup in ChannelSetups.All)
            add.Subcommands.Add(AddKind(setup));
        return add;
    }

    private static Command AddKind(ChannelSetup setup)
    {
        var settings = setup.Settings.Where(s => s.Option is not null).Select(s => (Setting: s, Option: OptionFor(s))).ToList();
        var name = new Option<string?>("--name") { Description = setup.NameHelp, Required = setup.DefaultName is null };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var allowPrivate = CliOutbound.AllowPrivateNetwork("the channel");
        var command = new Command(setup.Kind.WireName(), setup.Summary);
        var options = settings.Select(s => s.Option).ToList();
        options.Insert(Math.Min(setup.NamePosition, options.Count), name);
        foreach (var option in options)
            command.Options.Add(option);
        command.Options.Add(workspace);
        if (setup.Settings.Any(s => s.Type == SettingType.Url))
            command.Options.Add(allowPrivate);
        command.Options.Add(db);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var given = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var (setting, option) in settings)
            {
                if (ValueOf(parse, option) is { } value)
                    given[setting.Key] = JsonSerializer.SerializeToElement(value);
            }
            var consent = parse.GetValue(allowPrivate) ? new PrivateNetworkConsent(null, "channels add") : null;
            var added = await AddChannelAsync(DatabaseTarget.Parse(parse.GetValue(db)), parse.GetValue(workspace), setup.Kind, parse.GetValue(name), given, consent, cancellationToken);
            if (added is null)
                return EarshotCli.BadInput;
            if (setup.Kind == ChannelKind.WebChat)
                PrintWidgetSnippet(added);
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Option OptionFor(ChannelSetting setting)
    {
        var name = setting.Option!;
        var required = setting.Required && setting.Default is null;
        return setting.Type switch
        {
            SettingType.Integer when setting.Default is int fallback => new Option<int>(name) { Description = setting.Help, DefaultValueFactory = _ => fallback },
            SettingType.Integer => new Option<int?>(name) { Description = setting.Help, Required = required },
            SettingType.Boolean => new Option<bool>(name) { Description = setting.Help, DefaultValueFactory = _ => setting.Default is true },
            SettingType.List => new Option<string[]>(name) { Description = setting.Help, Required = required, Arity = ArgumentArity.OneOrMore },
            _ when setting.Default is string fallback => new Option<string>(name) { Description = setting.Help, DefaultValueFactory = _ => fallback },
            _ => new Option<string?>(name) { Description = setting.Help, Required = required },
        };
    }

    private static object? ValueOf(ParseResult parse, Option option) => option switch
    {
        Option<int> number => parse.GetValue(number),
        Option<int?> number => parse.GetValue(number),
        Option<bool> flag => parse.GetValue(flag),
        Option<string[]> list => parse.GetValue(list),
        Option<string> text => parse.GetValue(text),
        _ => throw new InvalidOperationException($"no reader for option {option.Name}"),
    };

    private sealed record AddedChannel(Channel Channel, IReadOnlyDictionary<string, string> Generated);

    /// <summary>Adds the channel and says so; null (after printing the errors) when the settings were refused.</summary>
    private static async Task<AddedChannel?> AddChannelAsync(DatabaseTarget target, string? workspace, ChannelKind kind, string? name,
        IReadOnlyDictionary<string, JsonElement> given, PrivateNetworkConsent? allowPrivate, CancellationToken cancellationToken)
    {
        await Migrator.MigrateAsync(target, cancellationToken);
        var added = await Registry(target).AddAsync(workspace, kind, name, given, allowPrivate, cancellationToken);
        if (added.Channel is null)
        {
            foreach (var (field, message) in added.Errors)
                await Console.Error.WriteLineAsync($"error: {field}: {message}");
            return null;
        }
        await new Engine.Audit.AuditLog(new EarshotDbContextFactory(target), TimeProvider.System).WriteAsync(
            Core.Access.AuditKinds.ChannelAdded, Engine.Audit.AuditActor.Cli, added.Channel.WorkspaceId,
            new { channel_id = added.Channel.Id, kind = kind.WireName(), name = added.Channel.Name }, cancellationToken);
        Console.WriteLine($"Added {kind.WireName()} channel '{added.Channel.Name}' ({added.Channel.Id}). A running server starts it within seconds.");
        return new AddedChannel(added.Channel, added.Generated);
    }

    private static void PrintWidgetSnippet(AddedChannel added)
    {
        Console.WriteLine("Put this on the brand's pages (EARSHOT is the address your Earshot server is reached at):");
        Console.WriteLine($"  <script src=\"https://EARSHOT/webchat/{added.Channel.Id}/widget.js\" async></script>");
        if (added.Generated.TryGetValue("secret", out var key))
            Console.WriteLine($"Visitor-token signing secret (shown only now; the brand's server signs signed-in customers with it): {key}");
    }
}
