using System.CommandLine;
using System.Globalization;
using Earshot.Engine.Audit;
using Earshot.Engine.Workspaces;

namespace Earshot.Cli;

/// <summary>
/// `earshot settings`: a workspace's routing rules, SLA policies, calendars, canned replies and case policy — list
/// them, save one by name, remove one — through <see cref="SettingsAdmin"/>, so the rules are the API's and every
/// change is audited as the command line's.
/// </summary>
internal static partial class SettingsCommand
{
    private static readonly Dictionary<string, SettingKind> Kinds = new(StringComparer.Ordinal)
    {
        ["rule"] = SettingKind.Rule, ["sla"] = SettingKind.Sla, ["calendar"] = SettingKind.Calendar, ["canned"] = SettingKind.Canned,
    };

    public static Command Create()
    {
        var command = new Command("settings", "A workspace's routing rules, SLA policies, calendars, canned replies and case policy: list, save and remove them");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Rule());
        command.Subcommands.Add(Sla());
        command.Subcommands.Add(Calendar());
        command.Subcommands.Add(Canned());
        command.Subcommands.Add(Policy());
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
            await using var session = await SessionAsync(parse.GetValue(db), parse.GetValue(workspace), cancellationToken);
            if (session.WorkspaceId is not { } workspaceId)
                return await NoWorkspaceAsync(parse.GetValue(workspace));
            var context = session.Context;
            var teams = await context.Teams.Where(t => t.WorkspaceId == workspaceId).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
            foreach (var rule in await context.RoutingRules.Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Position).ThenBy(r => r.Name).ToListAsync(cancellationToken))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rule\t{rule.Name}\t#{rule.Position}\tteam {teams.GetValueOrDefault(rule.TeamId, "?")}{(rule.Enabled ? "" : "\tdisabled")}"));
            var calendars = await context.BusinessCalendars.Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Name).ToListAsync(cancellationToken);
            foreach (var sla in await context.SlaPolicies.Where(p => p.WorkspaceId == workspaceId).OrderBy(p => p.Name).ToListAsync(cancellationToken))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"sla\t{sla.Name}\tteam {(sla.TeamId is { } team ? teams.GetValueOrDefault(team, "?") : "any")}\tintent {sla.Intent ?? "any"}\tfirst {sla.FirstResponseMinutes} min\tnext {sla.NextResponseMinutes} min\tresolution {sla.ResolutionMinutes} min\tcalendar {calendars.FirstOrDefault(c => c.Id == sla.CalendarId)?.Name ?? "all hours"}"));
            foreach (var calendar in calendars)
                Console.WriteLine($"calendar\t{calendar.Name}\t{calendar.TimeZone}\t{string.Join(" ", calendar.Hours.Select(h => h.Length == 0 ? "closed" : h))}"
                    + (calendar.Holidays.Count > 0 ? $"\tholidays {string.Join(" ", calendar.Holidays)}" : ""));
            foreach (var reply in await context.CannedReplies.Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Name).ToListAsync(cancellationToken))
                Console.WriteLine($"canned\t{reply.Name}\t{reply.Body.ReplaceLineEndings(" ")}");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var kind = new Argument<string>("kind") { Description = "rule, sla, calendar or canned" };
        kind.AcceptOnlyFromAmong([.. Kinds.Keys]);
        var name = new Argument<string>("name") { Description = "Its name in the workspace" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var command = new Command("remove", "Remove a routing rule, SLA policy, calendar (refused while a policy uses it) or canned reply") { kind, name, workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var session = await SessionAsync(parse.GetValue(db), parse.GetValue(workspace), cancellationToken);
            if (session.WorkspaceId is not { } workspaceId)
                return await NoWorkspaceAsync(parse.GetValue(workspace));
            var (what, named) = (parse.GetValue(kind)!, parse.GetValue(name)!);
            if (await session.Admin.FindAsync(Kinds[what], workspaceId, named, cancellationToken) is not { } id)
                return await NoSuchAsync(what, named);
            var (_, refusal) = await session.Admin.DeleteAsync(Kinds[what], AuditActor.Cli, id, cancellationToken);
            if (refusal is not null)
                return await RefusedAsync(refusal);
            Console.WriteLine($"Removed {what} '{named}'. A running server applies it within seconds.");
            return EarshotCli.Ok;
        });
        return command;
    }

    /// <summary>An open database, the workspace named (the default one when none is), and the settings it changes.</summary>
    private sealed record Session(EarshotDbContext Context, Guid? WorkspaceId, SettingsAdmin Admin) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Context.DisposeAsync();
    }

    private static async Task<Session> SessionAsync(string? db, string? workspace, CancellationToken cancellationToken)
    {
        var target = DatabaseTarget.Parse(db);
        await Migrator.MigrateAsync(target, cancellationToken);
        var context = target.CreateContext();
        var name = workspace ?? WorkspaceDirectory.DefaultWorkspace;
        var workspaceId = (await context.Workspaces.FirstOrDefaultAsync(w => w.Name == name, cancellationToken))?.Id;
        return new Session(context, workspaceId, new SettingsAdmin(context, new AuditLog(new EarshotDbContextFactory(target), TimeProvider.System)));
    }

    private static async Task<int> NoWorkspaceAsync(string? workspace)
    {
        await Console.Error.WriteLineAsync($"error: no workspace '{workspace ?? WorkspaceDirectory.DefaultWorkspace}'");
        return EarshotCli.BadInput;
    }

    private static async Task<int> NoSuchAsync(string what, string name)
    {
        await Console.Error.WriteLineAsync($"error: no {what} named '{name}' in this workspace; see: earshot settings list");
        return EarshotCli.BadInput;
    }
}
