using System.CommandLine;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Engine.Alerts.Delivery;
using Earshot.Engine.Workspaces;

namespace Earshot.Cli;

internal static class WebhooksCommand
{
    public static Command Create()
    {
        var command = new Command("webhooks", "Outbound webhooks for alerts: add, list (with queued and dead deliveries) and remove them.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        return command;
    }

    /// <summary>The same registry the API uses, over the given database and its key ring.</summary>
    public static WebhookRegistry Registry(DatabaseTarget target)
    {
        var factory = new EarshotDbContextFactory(target);
        var guard = CliOutbound.Services(factory).GetRequiredService<OutboundGuard>();
        return new WebhookRegistry(factory, new WorkspaceDirectory(factory, TimeProvider.System), SecretBox.For(target), guard, TimeProvider.System);
    }

    private static Command Add()
    {
        var url = new Argument<string>("url") { Description = "Where events are POSTed" };
        var secret = new Option<string>("--secret") { Description = "Shared secret for X-Earshot-Signature (stored encrypted, never shown again)", Required = true };
        var events = new Option<string?>("--events") { Description = $"Comma-separated events (default: {WebhookRegistry.DefaultEvents}; also case.breached)" };
        var team = new Option<string?>("--team") { Description = "Only alerts on topics this team owns" };
        var format = new Option<string>("--format") { Description = "generic (signed JSON), slack or teams", DefaultValueFactory = _ => "generic" };
        var allowPrivate = CliOutbound.AllowPrivateNetwork("the webhook");
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var add = new Command("add", "Register a webhook") { url, secret, events, team, format, allowPrivate, workspace, db };
        add.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            var added = await Registry(target).AddAsync(parse.GetValue(workspace), parse.GetValue(url), parse.GetValue(secret),
                parse.GetValue(events), parse.GetValue(team), parse.GetValue(format),
                parse.GetValue(allowPrivate) ? new PrivateNetworkConsent(null, "webhooks add") : null, cancellationToken);
            if (added.Webhook is not { } webhook)
            {
                foreach (var (field, message) in added.Errors)
                    await Console.Error.WriteLineAsync($"error: {field}: {message}");
                return EarshotCli.BadInput;
            }
            await new Engine.Audit.AuditLog(new EarshotDbContextFactory(target), TimeProvider.System).WriteAsync(
                Core.Access.AuditKinds.WebhookAdded, Engine.Audit.AuditActor.Cli, webhook.WorkspaceId,
                new { webhook_id = webhook.Id, url = Engine.Audit.AuditLog.Origin(webhook.Url), events = webhook.Events }, cancellationToken);
            Console.WriteLine($"Added webhook {webhook.Id} -> {webhook.Url} ({webhook.Events}, {webhook.Format.ToString().ToLowerInvariant()}).");
            return EarshotCli.Ok;
        });
        return add;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var db = CommonOptions.Db();
        var list = new Command("list", "List webhooks with their queued and dead deliveries") { json, db };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            var webhooks = await Registry(target).ListAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(webhooks, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
                return EarshotCli.Ok;
            }
            if (webhooks.Count == 0)
                Console.WriteLine("No webhooks yet. Add one with: earshot webhooks add URL --secret SECRET");
            foreach (var w in webhooks)
                Console.WriteLine($"{w.Id}\t{w.Workspace}\t{w.Url}\t{w.Events}\t{w.Format}\tteam {w.Team ?? "any"}\tpending {w.Pending}\tdead {w.Dead}");
            return EarshotCli.Ok;
        });
        return list;
    }

    private static Command Remove()
    {
        var webhook = new Argument<string>("webhook") { Description = "The webhook's id or URL" };
        var db = CommonOptions.Db();
        var remove = new Command("remove", "Remove a webhook and its queued deliveries") { webhook, db };
        remove.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            if (await Registry(target).RemoveAsync(parse.GetValue(webhook)!, Engine.Audit.AuditActor.Cli, cancellationToken) > 0)
            {
                Console.WriteLine($"Removed '{parse.GetValue(webhook)}'.");
                return EarshotCli.Ok;
            }
            await Console.Error.WriteLineAsync($"error: no webhook is '{parse.GetValue(webhook)}'");
            return EarshotCli.BadInput;
        });
        return remove;
    }
}
