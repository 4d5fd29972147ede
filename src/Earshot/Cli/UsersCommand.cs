using System.CommandLine;
using Earshot.Core.Workspaces;
using Earshot.Engine.Audit;

namespace Earshot.Cli;

internal static partial class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "People who sign in: add or invite, list, change, deactivate and reactivate them, reset passwords");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Invite());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Set());
        command.Subcommands.Add(ResetPassword());
        command.Subcommands.Add(SetActive("deactivate", active: false,
            "Deactivate a user: their sign-ins end at once, their tokens stop working, and they cannot sign in"));
        command.Subcommands.Add(SetActive("reactivate", active: true,
            "Reactivate a user: they can sign in again, and their tokens that were not revoked work again"));
        return command;
    }

    private static Command Add()
    {
        var email = new Argument<string>("email") { Description = "The user's e-mail address (their login)" };
        var role = new Option<string>("--role") { Description = "admin, lead, agent or analyst", Required = true };
        var password = new Option<string?>("--password") { Description = "At least 8 characters" };
        var name = new Option<string?>("--name") { Description = "Display name (default: from the e-mail address)" };
        var workspace = CommonOptions.Workspace();
        workspace.Description = "Workspace the user joins (created if new). Admins see every workspace anyway.";
        var db = CommonOptions.Db();
        var command = new Command("add", "Create a user, or change an existing user's role, password and workspaces")
            { email, role, password, name, workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            var accounts = new UserAccounts(new EarshotDbContextFactory(target), TimeProvider.System);
            var result = await accounts.AddAsync(parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(password),
                parse.GetValue(workspace), parse.GetValue(name), AuditActor.Cli, cancellationToken);
            if (result.User is null)
            {
                foreach (var (field, messages) in result.Errors)
                    await Console.Error.WriteLineAsync($"error: --{field}: {string.Join("; ", messages)}");
                return EarshotCli.BadInput;
            }
            Console.WriteLine($"Saved {result.User.Role} {result.User.Email}{(parse.GetValue(workspace) is { } w ? $" in workspace '{w}'" : "")}.");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command SetActive(string name, bool active, string description)
    {
        var email = new Argument<string>("email") { Description = "The user's e-mail address" };
        var db = CommonOptions.Db();
        var command = new Command(name, description) { email, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            var accounts = new UserAccounts(new EarshotDbContextFactory(target), TimeProvider.System);
            var address = parse.GetValue(email)!;
            var result = await accounts.SetActiveAsync(address, active, AuditActor.Cli, cancellationToken);
            if (result == UserAccounts.ActivationResult.NoSuchUser)
            {
                await Console.Error.WriteLineAsync($"error: no user '{address.Trim().ToLowerInvariant()}'; see `earshot users list`");
                return EarshotCli.BadInput;
            }
            Console.WriteLine(result == UserAccounts.ActivationResult.Changed
                ? $"{(active ? "Reactivated" : "Deactivated")} {address.Trim().ToLowerInvariant()}."
                : $"{address.Trim().ToLowerInvariant()} was already {(active ? "active" : "deactivated")}.");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var db = CommonOptions.Db();
        var command = new Command("list", "List users with their roles and workspaces") { db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = new EarshotDbContextFactory(target).CreateDbContext();
            var users = await context.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
            var memberships = await context.WorkspaceMembers.Join(context.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { m.UserId, w.Name })
                .ToListAsync(cancellationToken);
            foreach (var user in users)
            {
                var workspaces = user.Role == Roles.Admin ? "(all)" : string.Join(", ", memberships.Where(m => m.UserId == user.Id).Select(m => m.Name).Order(StringComparer.Ordinal));
                Console.WriteLine($"{user.Email}\t{user.Role}\t{workspaces}{(user.DeactivatedAt is null ? "" : "\tdeactivated")}");
            }
            return EarshotCli.Ok;
        });
        return command;
    }
}
