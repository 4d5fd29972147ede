using System.CommandLine;
using Earshot.Core.Workspaces;

namespace Earshot.Cli;

/// <summary>`earshot users invite|set|reset-password`: the same rules as /api/users and the /users page, acting as an admin.</summary>
internal static partial class UsersCommand
{
    private static Command Invite()
    {
        var email = new Argument<string>("email") { Description = "The user's e-mail address (their login)" };
        var role = new Option<string>("--role") { Description = "admin, lead, agent or analyst", DefaultValueFactory = _ => Roles.Agent };
        var name = new Option<string?>("--name") { Description = "Display name (default: from the e-mail address)" };
        var workspaces = Workspaces("Workspace the user joins (repeat for several; it must exist)");
        var capacity = new Option<int?>("--capacity") { Description = "Open cases they may hold at once (default 10)" };
        var db = CommonOptions.Db();
        var command = new Command("invite", "Create a user without a password and print a one-time link with which they choose one")
            { email, role, name, workspaces, capacity, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var people = await PeopleAsync(parse.GetValue(db), cancellationToken);
            var (created, refusal) = await people.CreateAsync(Manager.Cli, new PeopleAdmin.NewPerson(
                parse.GetValue(email), parse.GetValue(name), parse.GetValue(role), parse.GetValue(workspaces) ?? [], parse.GetValue(capacity), null), cancellationToken);
            if (refusal is not null)
                return await RefusedAsync(refusal);
            Console.WriteLine($"Invited {created!.User.Role} {created.User.Email}. Pass on this one-time link (valid {PeopleAdmin.InvitationLifetime.TotalDays:0} days), on this server's address:");
            Console.WriteLine(PeopleAdmin.LinkPath(created.SetPasswordToken!));
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command Set()
    {
        var email = new Argument<string>("email") { Description = "The user's e-mail address" };
        var role = new Option<string?>("--role") { Description = "admin, lead, agent or analyst" };
        var name = new Option<string?>("--name") { Description = "Display name" };
        var workspaces = Workspaces("The user's workspaces from now on (repeat for several; replaces the ones they are in)");
        var capacity = new Option<int?>("--capacity") { Description = "Open cases they may hold at once (0 to 1000)" };
        var db = CommonOptions.Db();
        var command = new Command("set", "Change a user's role, workspaces, capacity or name (a new role ends their sign-ins)")
            { email, role, name, workspaces, capacity, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var people = await PeopleAsync(parse.GetValue(db), cancellationToken);
            if (await people.FindAsync(parse.GetValue(email), cancellationToken) is not { } id)
                return await NoSuchUserAsync(parse.GetValue(email)!);
            var given = parse.GetValue(workspaces);
            var (user, refusal) = await people.UpdateAsync(Manager.Cli, id, new PeopleAdmin.Changes(
                parse.GetValue(role), given is { Length: > 0 } ? given : null, parse.GetValue(capacity), null, parse.GetValue(name)), cancellationToken);
            if (refusal is not null)
                return await RefusedAsync(refusal);
            Console.WriteLine($"Saved {user!.Role} {user.Email} (capacity {user.Capacity}).");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command ResetPassword()
    {
        var email = new Argument<string>("email") { Description = "The user's e-mail address" };
        var db = CommonOptions.Db();
        var command = new Command("reset-password", "End a user's password and sign-ins and print a one-time link with which they choose a new one") { email, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var people = await PeopleAsync(parse.GetValue(db), cancellationToken);
            if (await people.FindAsync(parse.GetValue(email), cancellationToken) is not { } id)
                return await NoSuchUserAsync(parse.GetValue(email)!);
            var (token, refusal) = await people.ResetPasswordAsync(Manager.Cli, id, cancellationToken);
            if (refusal is not null)
                return await RefusedAsync(refusal);
            Console.WriteLine($"Ended the password and sign-ins of {parse.GetValue(email)!.Trim().ToLowerInvariant()}. Pass on this one-time link (valid {PeopleAdmin.ResetLifetime.TotalHours:0} hours), on this server's address:");
            Console.WriteLine(PeopleAdmin.LinkPath(token!));
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Option<string[]> Workspaces(string description) => new("--workspace") { Description = description, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore };

    internal static async Task<PeopleAdmin> PeopleAsync(string? db, CancellationToken cancellationToken)
    {
        var target = DatabaseTarget.Parse(db);
        await Migrator.MigrateAsync(target, cancellationToken);
        return new PeopleAdmin(new EarshotDbContextFactory(target), TimeProvider.System);
    }

    internal static async Task<int> RefusedAsync(Refusal refusal)
    {
        // The command line names options in the singular (--workspace, repeated) where the API has a list.
        var option = refusal.Field switch { "id" => "", "workspaces" => "--workspace: ", var field => $"--{field}: " };
        await Console.Error.WriteLineAsync($"error: {option}{refusal.Message}");
        return EarshotCli.BadInput;
    }

    private static async Task<int> NoSuchUserAsync(string email)
    {
        await Console.Error.WriteLineAsync($"error: no user '{email.Trim().ToLowerInvariant()}'; see `earshot users list`");
        return EarshotCli.BadInput;
    }
}
