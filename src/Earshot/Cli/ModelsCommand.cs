using System.CommandLine;
using System.Globalization;
using Earshot.Engine.Learning;

namespace Earshot.Cli;

/// <summary>`earshot models list` and `earshot models rollback VERSION`.</summary>
internal static class ModelsCommand
{
    public static Command Create(TimeProvider clock)
    {
        var command = new Command("models", "List trained model versions, or make an earlier one active again");
        var db = CommonOptions.Db();
        var list = new Command("list", "Every trained version: task, score on its held-back slice, what it had to beat, which is active") { db };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = target.CreateContext();
            var models = await context.TrainedModels.AsNoTracking().OrderBy(m => m.Version)
                .Select(m => new { m.Version, m.Task, m.CreatedAt, m.Source, m.TrainCount, m.TestCount, m.Accuracy, m.MacroF1, m.BaselineAccuracy, m.Baseline, m.IsActive })
                .ToListAsync(cancellationToken);
            if (models.Count == 0)
                Console.WriteLine("No trained models; the built-in model labels every post.");
            foreach (var m in models)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"v{m.Version}  {m.Task,-9}  {(m.IsActive ? "active" : "      ")}  accuracy {m.Accuracy:0.000}  macro-F1 {m.MacroF1:0.000}  vs {m.BaselineAccuracy:0.000} ({m.Baseline})  train {m.TrainCount} / test {m.TestCount}  {m.Source}  {m.CreatedAt:yyyy-MM-dd HH:mm} UTC"));
            return EarshotCli.Ok;
        });
        var version = new Argument<int>("version") { Description = "The version to make active (see `earshot models list`)" };
        var rollbackDb = CommonOptions.Db();
        var rollback = new Command("rollback", "Make VERSION the active model of its task and re-classify stored posts") { version, rollbackDb };
        rollback.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(rollbackDb));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = target.CreateContext();
            if (await ModelRegistry.RollbackAsync(context, parse.GetValue(version), clock.GetUtcNow().UtcDateTime, cancellationToken) is { } error)
            {
                await Console.Error.WriteLineAsync("error: " + error);
                return EarshotCli.BadInput;
            }
            Console.WriteLine($"Model v{parse.GetValue(version)} is active; stored posts will be re-classified by the running server.");
            return EarshotCli.Ok;
        });
        command.Subcommands.Add(list);
        command.Subcommands.Add(rollback);
        return command;
    }
}
