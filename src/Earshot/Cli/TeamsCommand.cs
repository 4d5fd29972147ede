using System.CommandLine;

namespace Earshot.Cli;

/// <summary>`earshot teams`: list, add, change, delete teams and their members, by the rules /api/teams and the /users page follow.</summary>
internal static class TeamsCommand
{
    public static Command Create()
    {
        var command = new Command("teams", "Teams that work cases: list, add, change, delete them and their members");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Set());
        command.Subcommands.Add(Delete());
        var members = new Command("members", "Put people on a team or take them off");
        members.Subcommands.Add(AddMember());
        members.Subcommands.Add(RemoveMember());
        command.Subcommands.Add(members);
        return command;
    }

    private static Option<string> Workspace()
    {
        var option = CommonOptions.Workspace();
        return new Option<string>("--workspace") { Description = option.Description, Required = true };
    }

    private static Argument<string> TeamName() => new("team") { Description = "The team's name" };

    private static Command List()
    {
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var command = new Command("list", "List teams with their assignment and members (leads marked)") { workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = new EarshotDbContextFactory(target).CreateDbContext();
            var only = parse.GetValue(workspace);
            var teams = await context.Teams.AsNoTracking()
                .Join(context.Workspaces, t => t.WorkspaceId, w => w.Id, (t, w) => new { t.Id, t.Name, t.Assignment, Workspace = w.Name })
                .Where(t => only == null || t.Workspace == only).ToListAsync(cancellationToken);
            var members = await context.TeamMembers.AsNoTracking()
                .Join(context.Users, m => m.UserId, u => u.Id, (m, u) => new { m.TeamId, u.Email, m.IsLead }).ToListAsync(cancellationToken);
            foreach (var team in teams.OrderBy(t => t.Workspace, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal))
            {
                var names = members.Where(m => m.TeamId == team.Id).OrderBy(m => m.Email, StringComparer.Ordinal).Select(m => m.IsLead ? m.Email + " (lead)" : m.Email);
                Console.WriteLine($"{team.Workspace}\t{team.Name}\t{Api.SettingsApi.Wire(team.Assignment)}\t{string.Join(", ", names)}");
            }
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command Add()
    {
        var name = TeamName();
        var workspace = Workspace();
        var assignment = new Option<string?>("--assignment") { Description = "manual (default), round_robin or least_loaded" };
        var db = CommonOptions.Db();
        var command = new Command("add", "Create a team") { name, workspace, assignment, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var people = await UsersCommand.PeopleAsync(parse.GetValue(db), cancellationToken);
            var (team, refusal) = await people.CreateTeamAsync(Manager.Cli, parse.GetValue(workspace), parse.GetValue(name), parse.GetValue(assignment), cancellationToken);
            if (refusal is not null)
                return await UsersCommand.RefusedAsync(refusal);
            Console.WriteLine($"Created team {team!.Name} ({Api.SettingsApi.Wire(team.Assignment)}).");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command Set()
    {
        var name = TeamName();
        var workspace = Workspace();
        var rename = new Option<string?>("--name") { Description = "The team's new name" };
        var assignment = new Option<string?>("--assignment") { Description = "manual, round_robin or least_loaded" };
        var db = CommonOptions.Db();
        var command = new Command("set", "Rename a team or change how it assigns cases") { name, workspace, rename, assignment, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var people = await UsersCommand.PeopleAsync(parse.GetValue(db), cancellationToken);
            if (await people.FindTeamAsync(parse.GetValue(workspace), parse.GetValue(name), cancellationToken) is not { } id)
                return await NoSuchTeamAsync(parse.GetValue(name)!, parse.GetValue(workspace)!);
            var (team, refusal) = await people.UpdateTeamAsync(Manager.Cli, id, parse.GetValue(rename), parse.GetValue(assignment), cancellationToken);
            if (refusal is not null)
                return await UsersCommand.RefusedAsync(refusal);
            Console.WriteLine($"Saved team {team!.Name} ({Api.SettingsApi.Wire(team.Assignment)}).");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command Delete()
    {
        var name = TeamName();
        var workspace = Workspace();
        var db = CommonOptions.Db();
        var command = new Command("delete",
            "Delete a team: refused while routing rules, the fallback or webhooks use it; otherwise its cases become unrouted (assignees keep them), its SLA policies are deleted and its members leave it")
            { name, workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var people = await UsersCommand.PeopleAsync(parse.GetValue(db), cancellationToken);
            if (await people.FindTeamAsync(parse.GetValue(workspace), parse.GetValue(name), cancellationToken) is not { } id)
                return await NoSuchTeamAsync(parse.GetValue(name)!, parse.GetValue(workspace)!);
            var (done, refusal) = await people.DeleteTeamAsync(Manager.Cli, id, cancellationToken);
            if (refusal is not null)
                return await UsersCommand.RefusedAsync(refusal);
            Console.WriteLine($"Deleted team {done!.Name}: {done.Cases} case(s) unrouted, {done.SlaPolicies} SLA policy(ies) deleted, {done.Members} member(s) removed.");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command AddMember()
    {
        var name = TeamName();
        var email = new Argument<string>("email") { Description = "The person's e-mail address" };
        var workspace = Workspace();
        var lead = new Option<bool>("--lead") { Description = "They lead the team (told about its SLA breaches)" };
        var db = CommonOptions.Db();
        var command = new Command("add", "Put someone on a team (or change whether they lead it)") { name, email, workspace, lead, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var people = await UsersCommand.PeopleAsync(parse.GetValue(db), cancellationToken);
            if (await people.FindTeamAsync(parse.GetValue(workspace), parse.GetValue(name), cancellationToken) is not { } id)
                return await NoSuchTeamAsync(parse.GetValue(name)!, parse.GetValue(workspace)!);
            var (_, refusal) = await people.AddMemberAsync(Manager.Cli, id, parse.GetValue(email), parse.GetValue(lead), cancellationToken);
            if (refusal is not null)
                return await UsersCommand.RefusedAsync(refusal);
            Console.WriteLine($"{parse.GetValue(email)} is on {parse.GetValue(name)}{(parse.GetValue(lead) ? " as its lead" : "")}.");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command RemoveMember()
    {
        var name = TeamName();
        var email = new Argument<string>("email") { Description = "The person's e-mail address" };
        var workspace = Workspace();
        var db = CommonOptions.Db();
        var command = new Command("remove", "Take someone off a team; they keep their cases and workspace") { name, email, workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var people = await UsersCommand.PeopleAsync(parse.GetValue(db), cancellationToken);
            if (await people.FindTeamAsync(parse.GetValue(workspace), parse.GetValue(name), cancellationToken) is not { } id)
                return await NoSuchTeamAsync(parse.GetValue(name)!, parse.GetValue(workspace)!);
            if (await people.RemoveMemberAsync(Manager.Cli, id, parse.GetValue(email), cancellationToken) is { } refusal)
                return await UsersCommand.RefusedAsync(refusal);
            Console.WriteLine($"Took {parse.GetValue(email)} off {parse.GetValue(name)}.");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static async Task<int> NoSuchTeamAsync(string name, string workspace)
    {
        await Console.Error.WriteLineAsync($"error: no team '{name}' in workspace '{workspace}'; see `earshot teams list`");
        return EarshotCli.BadInput;
    }
}
