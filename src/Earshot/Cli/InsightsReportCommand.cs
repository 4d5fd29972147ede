using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Earshot.Insights;

namespace Earshot.Cli;

/// <summary>`earshot report insights`: the insight report of `GET /api/insights`, as text, JSON or CSV.</summary>
internal static class InsightsReportCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create(TimeProvider clock)
    {
        var db = CommonOptions.Db();
        var workspace = CommonOptions.Workspace();
        var from = new Option<DateTime?>("--from") { Description = "Start of the period (ISO date or time, UTC); default 7 days before --to" };
        var to = new Option<DateTime?>("--to") { Description = "End of the period; default now" };
        var topic = new Option<string?>("--topic") { Description = "Only this topic's posts" };
        var channel = new Option<string?>("--channel") { Description = "Only this channel kind's posts (x, mastodon, email, …)" };
        var language = new Option<string?>("--language") { Description = "Only posts in this language (en, de, …)" };
        var sentiment = new Option<string?>("--sentiment") { Description = "Only negative, neutral or positive posts" };
        var intent = new Option<string?>("--intent") { Description = "Only posts with this intent (complaint, question, praise, suggestion, fyi, spam)" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (the API's shape)" };
        var csv = new Option<bool>("--csv") { Description = "Print the report as CSV, one row per figure" };
        var command = new Command("insights", "Volume, share of voice, gripes, delights, switchers, evangelists and detractors, emerging terms")
        {
            from, to, topic, channel, language, sentiment, intent, workspace, json, csv, db,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(json) && parse.GetValue(csv))
                return await FailAsync("choose one of --json and --csv");
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = new EarshotDbContextFactory(target).CreateDbContext();
            IReadOnlyCollection<Guid>? workspaces = null;
            if (parse.GetValue(workspace) is { } name)
            {
                if (await context.Workspaces.Where(w => w.Name == name).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(cancellationToken) is not { } id)
                    return await FailAsync($"no workspace named '{name}'");
                workspaces = [id];
            }
            var request = new InsightRequest(parse.GetValue(from), parse.GetValue(to), parse.GetValue(topic), parse.GetValue(channel),
                parse.GetValue(language), parse.GetValue(sentiment), parse.GetValue(intent));
            var (query, errors) = request.Check(workspaces, clock.GetUtcNow().UtcDateTime);
            if (query is null)
                return await FailAsync(string.Join("; ", errors.Select(e => $"--{e.Key}: {e.Value[0]}")));
            if (await InsightsBuilder.BuildAsync(context, query, cancellationToken) is not { } report)
                return await FailAsync($"--topic: no topic named '{query.Topic}'");
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(report, Json));
            else if (parse.GetValue(csv))
                InsightsCsv.Write(report, Console.Out);
            else
                InsightsText.Write(report, Console.Out);
            return EarshotCli.Ok;
        });
        return command;
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync("error: " + message);
        return EarshotCli.BadInput;
    }
}
