using System.CommandLine;

namespace Earshot.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var command = new Command("migrate", "Apply database migrations (serve also applies them on start)") { db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            var applied = await Migrator.MigrateAsync(target, cancellationToken);
            Console.WriteLine(applied.Count == 0
                ? $"{target.Describe()} is up to date."
                : $"Applied {applied.Count} migration(s) to {target.Describe()}: {string.Join(", ", applied)}");
            return EarshotCli.Ok;
        });
        return command;
    }
}
