using System.CommandLine;
using Earshot.Engine.Audit;

namespace Earshot.Cli;

/// <summary>
/// `earshot settings rule|sla|calendar|canned NAME …`: creates the setting of that name or replaces the one that has it
/// (a list left out matches anything, as in the API's POST); `--rename` gives an existing one a new name. Refusals
/// name the option at fault and change nothing.
/// </summary>
internal static partial class SettingsCommand
{
    private static Argument<string> NameArgument(string what) => new("name") { Description = $"The {what}'s name in the workspace" };

    private static Option<string?> Rename() => new("--rename") { Description = "A new name for it (refused when another has that name)" };

    private static Option<string[]> Many(string name, string description) =>
        new(name) { Description = description + " (repeat for more)", AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore };

    private static Command Rule()
    {
        var name = NameArgument("rule");
        var team = new Option<string>("--team") { Description = "The team it sends cases to", Required = true };
        var position = new Option<int?>("--position") { Description = "Its place in the order rules are tried (lowest first)" };
        var topics = Many("--topic", "A topic it matches");
        var intents = Many("--intent", $"An intent it matches: {string.Join(", ", SettingsAdmin.KnownIntents)}");
        var severities = Many("--severity", $"A severity it matches: {string.Join(", ", SettingsAdmin.KnownSeverities)}");
        var channels = Many("--channel", "A channel kind it matches (x, email, webchat, …)");
        var languages = Many("--language", "A language it matches (en, de, …)");
        var disabled = new Option<bool>("--disabled") { Description = "Save it switched off" };
        var (rename, workspace, db) = (Rename(), CommonOptions.Workspace(), CommonOptions.Db());
        var command = new Command("rule", "Create or replace a routing rule: cases that match it go to its team")
            { name, team, position, topics, intents, severities, channels, languages, disabled, rename, workspace, db };
        command.SetAction((parse, cancellationToken) => SaveAsync(parse, "rule", name, rename, workspace, db, async (admin, workspaceId, id, newName) =>
        {
            var spec = new SettingsAdmin.RuleSpec(newName, parse.GetValue(position), parse.GetValue(team), parse.GetValue(topics), parse.GetValue(intents),
                parse.GetValue(severities), parse.GetValue(channels), parse.GetValue(languages), !parse.GetValue(disabled));
            return id is { } existing
                ? await admin.UpdateRuleAsync(AuditActor.Cli, existing, spec, cancellationToken)
                : await admin.SaveRuleAsync(AuditActor.Cli, workspaceId, spec, cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static Command Sla()
    {
        var name = NameArgument("policy");
        var team = new Option<string?>("--team") { Description = "The team whose cases it covers (default: any)" };
        var intent = new Option<string?>("--intent") { Description = $"The intent it covers (default: any): {string.Join(", ", SettingsAdmin.KnownIntents)}" };
        var first = new Option<int?>("--first") { Description = "Minutes to the first reply" };
        var next = new Option<int?>("--next") { Description = "Minutes to each next reply after the customer writes" };
        var resolution = new Option<int?>("--resolution") { Description = "Minutes to resolve the case" };
        var calendar = new Option<string?>("--calendar") { Description = "The business calendar its minutes count on (default: all hours)" };
        var (rename, workspace, db) = (Rename(), CommonOptions.Workspace(), CommonOptions.Db());
        var command = new Command("sla", "Create or replace an SLA policy (a time left out keeps the policy's own); open cases keep their deadlines")
            { name, team, intent, first, next, resolution, calendar, rename, workspace, db };
        command.SetAction((parse, cancellationToken) => SaveAsync(parse, "sla", name, rename, workspace, db, async (admin, workspaceId, id, newName) =>
        {
            var spec = new SettingsAdmin.SlaSpec(newName, parse.GetValue(team), parse.GetValue(intent), parse.GetValue(first), parse.GetValue(next),
                parse.GetValue(resolution), parse.GetValue(calendar));
            return id is { } existing
                ? await admin.UpdateSlaAsync(AuditActor.Cli, existing, spec, cancellationToken)
                : await admin.SaveSlaAsync(AuditActor.Cli, workspaceId, spec, cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static Command Calendar()
    {
        var name = NameArgument("calendar");
        var zone = new Option<string?>("--time-zone") { Description = "An IANA time zone such as Europe/London (default: UTC)" };
        var open = Many("--open", "Opening hours as DAYS=HH:mm-HH:mm, e.g. mon-fri=09:00-17:00 or sat=10:00-14:00; days not named are closed (default: mon-fri=09:00-17:00)");
        var holidays = Many("--holiday", "A closed date such as 2026-12-25");
        var (rename, workspace, db) = (Rename(), CommonOptions.Workspace(), CommonOptions.Db());
        var command = new Command("calendar", "Create or replace a business calendar, on which SLA minutes count") { name, zone, open, holidays, rename, workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (hours, problem) = OpeningHours.Parse(parse.GetValue(open) ?? []);
            if (problem is not null)
            {
                await Console.Error.WriteLineAsync($"error: --open: {problem}");
                return EarshotCli.BadInput;
            }
            return await SaveAsync(parse, "calendar", name, rename, workspace, db, async (admin, workspaceId, id, newName) =>
            {
                var spec = new SettingsAdmin.CalendarSpec(newName, parse.GetValue(zone), hours, parse.GetValue(holidays));
                return id is { } existing
                    ? await admin.UpdateCalendarAsync(AuditActor.Cli, existing, spec, cancellationToken)
                    : await admin.SaveCalendarAsync(AuditActor.Cli, workspaceId, spec, cancellationToken);
            }, cancellationToken);
        });
        return command;
    }

    private static Command Canned()
    {
        var name = NameArgument("reply");
        var body = new Option<string>("--body") { Description = "The reply; may use {{customer.name}}, {{agent.first_name}} and the other reply variables", Required = true };
        var (rename, workspace, db) = (Rename(), CommonOptions.Workspace(), CommonOptions.Db());
        var command = new Command("canned", "Create or replace a canned reply agents insert from the case page") { name, body, rename, workspace, db };
        command.SetAction((parse, cancellationToken) => SaveAsync(parse, "canned", name, rename, workspace, db, async (admin, workspaceId, id, newName) =>
        {
            var spec = new SettingsAdmin.CannedSpec(newName, parse.GetValue(body));
            return id is { } existing
                ? await admin.UpdateCannedAsync(AuditActor.Cli, existing, spec, cancellationToken)
                : await admin.SaveCannedAsync(AuditActor.Cli, workspaceId, spec, cancellationToken);
        }, cancellationToken));
        return command;
    }

    private delegate Task<(SettingsAdmin.Saved? Saved, Refusal? Refusal)> Save(SettingsAdmin admin, Guid workspaceId, Guid? existingId, string newName);

    /// <summary>Saves by name: changes the one that has the name (or renames it), or creates it; a rename of a missing one is refused.</summary>
    private static async Task<int> SaveAsync(ParseResult parse, string kind, Argument<string> name, Option<string?> rename, Option<string?> workspace, Option<string?> db,
        Save save, CancellationToken cancellationToken)
    {
        await using var session = await SessionAsync(parse.GetValue(db), parse.GetValue(workspace), cancellationToken);
        if (session.WorkspaceId is not { } workspaceId)
            return await NoWorkspaceAsync(parse.GetValue(workspace));
        var named = parse.GetValue(name)!;
        var id = await session.Admin.FindAsync(Kinds[kind], workspaceId, named, cancellationToken);
        if (id is null && parse.GetValue(rename) is not null)
            return await NoSuchAsync(kind, named);
        var (saved, refusal) = await save(session.Admin, workspaceId, id, parse.GetValue(rename) ?? named);
        if (refusal is not null)
            return await RefusedAsync(refusal);
        Console.WriteLine($"{(id is null ? "Created" : "Saved")} {kind} '{saved!.Name}'. A running server applies it within seconds.");
        return EarshotCli.Ok;
    }

    /// <summary>Every field at fault, as the option that sets it.</summary>
    private static async Task<int> RefusedAsync(Refusal refusal)
    {
        foreach (var (field, messages) in refusal.Fields)
            foreach (var message in messages)
                await Console.Error.WriteLineAsync($"error: {Option(field)}{message}");
        return EarshotCli.BadInput;
    }

    private static string Option(string field) => field.Split('[', '.')[0] switch
    {
        "id" => "",
        "name" => "name: ",
        "topics" => "--topic: ",
        "intents" => "--intent: ",
        "severities" => "--severity: ",
        "channels" => "--channel: ",
        "languages" => "--language: ",
        "first_response_minutes" => "--first: ",
        "next_response_minutes" => "--next: ",
        "resolution_minutes" => "--resolution: ",
        "hours" => "--open: ",
        "holidays" => "--holiday: ",
        "policy" when field.StartsWith("policy.", StringComparison.Ordinal) => $"--set {field["policy.".Length..]}: ",
        "policy" => "--set: ",
        var other => $"--{other.Replace('_', '-')}: ",
    };
}
