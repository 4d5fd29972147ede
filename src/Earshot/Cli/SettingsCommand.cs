using System.CommandLine;
using System.Globalization;
using Earshot.Core.Access;
using Earshot.Engine.Audit;
using Earshot.Engine.Workspaces;

namespace Earshot.Cli;

/// <summary>
/// `earshot settings list|remove`: a workspace's routing rules, SLA policies, calendars and canned replies, and
/// removing one by kind and name with the same rules as the API's DELETE (a calendar in use is refused). Audited.
/// </summary>
internal static class SettingsCommand
{
    private static readonly string[] Kinds = ["rule", "sla", "calendar", "canned"];

    public static Command Create()
    {
        var command = new Command("settings", "A workspace's routing rules, SLA policies, calendars and canned replies: list and remove them");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command List()
    {
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var command = new Command("list", "List the workspace's routing rules, SLA policies, calendars and canned replies") { workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = target.CreateContext();
            if (await WorkspaceIdAsync(context, parse.GetValue(workspace), cancellationToken) is not { } workspaceId)
                return await NoWorkspaceAsync(parse.GetValue(workspace));
            var teams = await context.Teams.Where(t => t.WorkspaceId == workspaceId).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
            foreach (var rule in await context.RoutingRules.Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Position).ThenBy(r => r.Name).ToListAsync(cancellationToken))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rule\t{rule.Name}\t#{rule.Position}\tteam {teams.GetValueOrDefault(rule.TeamId, "?")}{(rule.Enabled ? "" : "\tdisabled")}"));
            var calendars = await context.BusinessCalendars.Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Name).ToListAsync(cancellationToken);
            foreach (var sla in await context.SlaPolicies.Where(p => p.WorkspaceId == workspaceId).OrderBy(p => p.Name).ToListAsync(cancellationToken))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"sla\t{sla.Name}\tteam {(sla.TeamId is { } team ? teams.GetValueOrDefault(team, "?") : "any")}\tintent {sla.Intent ?? "any"}\tfirst {sla.FirstResponseMinutes} min\tnext {sla.NextResponseMinutes} min\tresolution {sla.ResolutionMinutes} min\tcalendar {calendars.FirstOrDefault(c => c.Id == sla.CalendarId)?.Name ?? "all hours"}"));
            foreach (var calendar in calendars)
                Console.WriteLine($"calendar\t{calendar.Name}\t{calendar.TimeZone}\t{string.Join(" ", calendar.Hours.Select(h => h.Length == 0 ? "closed" : h))}");
            foreach (var reply in await context.CannedReplies.Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Name).ToListAsync(cancellationToken))
                Console.WriteLine($"canned\t{reply.Name}\t{reply.Body.ReplaceLineEndings(" ")}");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var kind = new Argument<string>("kind") { Description = "rule, sla, calendar or canned" };
        kind.AcceptOnlyFromAmong(Kinds);
        var name = new Argument<string>("name") { Description = "Its name in the workspace" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var command = new Command("remove", "Remove a routing rule, SLA policy, calendar (refused while a policy uses it) or canned reply") { kind, name, workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = target.CreateContext();
            if (await WorkspaceIdAsync(context, parse.GetValue(workspace), cancellationToken) is not { } workspaceId)
                return await NoWorkspaceAsync(parse.GetValue(workspace));
            var what = parse.GetValue(kind)!;
            var named = parse.GetValue(name)!;
            var audit = new AuditLog(new EarshotDbContextFactory(target), TimeProvider.System);
            switch (what)
            {
                case "rule" when await context.RoutingRules.FirstOrDefaultAsync(r => r.WorkspaceId == workspaceId && r.Name == named, cancellationToken) is { } rule:
                    context.RoutingRules.Remove(rule);
                    audit.Add(context, AuditKinds.RoutingRuleDeleted, AuditActor.Cli, workspaceId, new { rule = rule.Name, rule_id = rule.Id });
                    break;
                case "sla" when await context.SlaPolicies.FirstOrDefaultAsync(p => p.WorkspaceId == workspaceId && p.Name == named, cancellationToken) is { } policy:
                    context.SlaPolicies.Remove(policy);
                    audit.Add(context, AuditKinds.SlaPolicyDeleted, AuditActor.Cli, workspaceId, new { policy = policy.Name, policy_id = policy.Id });
                    break;
                case "calendar" when await context.BusinessCalendars.FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.Name == named, cancellationToken) is { } calendar:
                    var usedBy = await context.SlaPolicies.Where(p => p.CalendarId == calendar.Id).Select(p => p.Name).OrderBy(n => n).ToListAsync(cancellationToken);
                    if (usedBy.Count > 0)
                    {
                        await Console.Error.WriteLineAsync($"error: the SLA policies {string.Join(", ", usedBy.Select(n => $"'{n}'"))} count time on this calendar; give them another calendar or remove them first");
                        return EarshotCli.BadInput;
                    }
                    context.BusinessCalendars.Remove(calendar);
                    audit.Add(context, AuditKinds.CalendarDeleted, AuditActor.Cli, workspaceId, new { calendar = calendar.Name, calendar_id = calendar.Id });
                    break;
                case "canned" when await context.CannedReplies.FirstOrDefaultAsync(r => r.WorkspaceId == workspaceId && r.Name == named, cancellationToken) is { } reply:
                    context.CannedReplies.Remove(reply);
                    audit.Add(context, AuditKinds.CannedReplyDeleted, AuditActor.Cli, workspaceId, new { reply = reply.Name, reply_id = reply.Id });
                    break;
                default:
                    await Console.Error.WriteLineAsync($"error: no {what} named '{named}' in this workspace; see: earshot settings list");
                    return EarshotCli.BadInput;
            }
            await context.SaveChangesAsync(cancellationToken);
            Console.WriteLine($"Removed {what} '{named}'. A running server applies it within seconds.");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static async Task<Guid?> WorkspaceIdAsync(EarshotDbContext context, string? workspace, CancellationToken cancellationToken)
    {
        var name = workspace ?? WorkspaceDirectory.DefaultWorkspace;
        return (await context.Workspaces.FirstOrDefaultAsync(w => w.Name == name, cancellationToken))?.Id;
    }

    private static async Task<int> NoWorkspaceAsync(string? workspace)
    {
        await Console.Error.WriteLineAsync($"error: no workspace '{workspace ?? WorkspaceDirectory.DefaultWorkspace}'");
        return EarshotCli.BadInput;
    }
}
