using System.CommandLine;
using System.Text.Json;
using Earshot.Reports;

namespace Earshot.Cli;

internal static class ReportCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = null, WriteIndented = true };

    public static Command Create(TimeProvider clock)
    {
        var command = new Command("report", "Reports read off the database");
        command.Subcommands.Add(Fairness(clock));
        command.Subcommands.Add(InsightsReportCommand.Create(clock));
        return command;
    }

    private static Command Fairness(TimeProvider clock)
    {
        var db = CommonOptions.Db();
        var replay = new Option<FileInfo?>("--replay") { Description = "First import a Customer Support on Twitter CSV, give each answering brand a team, and run the pipeline over it" };
        var minimum = new Option<int>("--min-replies") { Description = "With --replay: brands with fewer replies are left out", DefaultValueFactory = _ => 20 };
        var command = new Command("fairness", "First-response time and answer rate per follower tier, team (brand) and channel, over all cases, as JSON") { db, replay, minimum };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            if (parse.GetValue(replay) is { } file)
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"error: no such file: {file.FullName}");
                    return EarshotCli.BadInput;
                }
                await BrandReplay.ReplayAsync(target, file.FullName, parse.GetValue(minimum), Console.Error, clock, cancellationToken);
            }
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = new EarshotDbContextFactory(target).CreateDbContext();
            var now = clock.GetUtcNow().UtcDateTime;
            var first = await context.Cases.MinAsync(c => (DateTime?)c.OpenedAt, cancellationToken) ?? now;
            var last = await context.Cases.MaxAsync(c => (DateTime?)c.OpenedAt, cancellationToken) ?? now;
            var fairness = await FairnessReport.BuildAsync(context, null, first, last.AddMinutes(1), cancellationToken);
            var times = await ResponseTimesReport.BuildAsync(context, null, first, last.AddMinutes(1), now, cancellationToken);
            Console.WriteLine(JsonSerializer.Serialize(new { fairness, response_times = times }, Json));
            return EarshotCli.Ok;
        });
        return command;
    }
}
