using System.CommandLine;
using Earshot.Engine.Audit;

namespace Earshot.Cli;

internal static class TokensCommand
{
    public static Command Create()
    {
        var command = new Command("tokens", "Personal API tokens: create, list and revoke them");
        command.Subcommands.Add(CreateToken());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command CreateToken()
    {
        var email = new Argument<string>("email") { Description = "The user the token acts as" };
        var name = new Option<string>("--name") { Description = "What the token is for (\"CRM sync\")", Required = true };
        var scope = new Option<string>("--scope") { Description = "read or write", DefaultValueFactory = _ => "write" };
        var db = CommonOptions.Db();
        var command = new Command("create", "Create a token; it is printed once, alone on the last line") { email, name, scope, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            var accounts = new UserAccounts(new EarshotDbContextFactory(target), TimeProvider.System);
            var (token, row, error) = await accounts.CreateTokenAsync(parse.GetValue(email)!, parse.GetValue(name)!, parse.GetValue(scope)!, AuditActor.Cli, cancellationToken);
            if (token is null)
            {
                await Console.Error.WriteLineAsync("error: " + error);
                return EarshotCli.BadInput;
            }
            Console.WriteLine($"Token '{row!.Name}' ({row.Scope}) created; id {row.Id}. It is shown once: keep it now.");
            Console.WriteLine(token);
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var db = CommonOptions.Db();
        var command = new Command("list", "List tokens (never the tokens themselves)") { db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = new EarshotDbContextFactory(target).CreateDbContext();
            var rows = await context.ApiTokens.AsNoTracking().Join(context.Users, t => t.UserId, u => u.Id, (t, u) => new { t, u.Email })
                .ToListAsync(cancellationToken);
            foreach (var row in rows.OrderBy(r => r.t.CreatedAt))
                Console.WriteLine($"{row.t.Id}\t{row.Email}\t{row.t.Name}\t{row.t.Scope}\t{row.t.Prefix}…\t{(row.t.RevokedAt is null ? "active" : "revoked")}");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<Guid>("id") { Description = "The token's id (from `tokens list`)" };
        var db = CommonOptions.Db();
        var command = new Command("revoke", "Revoke a token: it stops working at once") { id, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            var accounts = new UserAccounts(new EarshotDbContextFactory(target), TimeProvider.System);
            if (!await accounts.RevokeTokenAsync(parse.GetValue(id), null, AuditActor.Cli, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"error: no active token {parse.GetValue(id)}");
                return EarshotCli.BadInput;
            }
            Console.WriteLine("Revoked.");
            return EarshotCli.Ok;
        });
        return command;
    }
}
