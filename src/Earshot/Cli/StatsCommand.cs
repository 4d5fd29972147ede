using System.CommandLine;
using System.Text.Json;
using Earshot.Core.Cases;
using Earshot.Core.Posts;

namespace Earshot.Cli;

internal static class StatsCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var json = new Option<bool>("--json") { Description = "Print JSON: {\"posts\", \"posts_by_channel\", \"cases\", \"open_cases\", \"alerts\"}" };
        var command = new Command("stats", "Count what is stored (safe to run while serve is running)") { db, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (DatabaseTarget.MissingSqliteFile(parse.GetValue(db)) is { } missing)
            {
                await Console.Error.WriteLineAsync($"error: no database at {missing}; `earshot serve` or `earshot import` makes one there");
                return EarshotCli.BadInput;
            }
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            var stats = await ReadAsync(target, cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(stats, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            }
            else
            {
                Console.WriteLine($"posts: {stats.Posts}");
                foreach (var (channel, count) in stats.PostsByChannel.Where(kv => kv.Value > 0))
                    Console.WriteLine($"  {channel}: {count}");
                Console.WriteLine($"cases: {stats.Cases} ({stats.OpenCases} open)");
                Console.WriteLine($"alerts: {stats.Alerts}");
            }
            return EarshotCli.Ok;
        });
        return command;
    }

    public static async Task<Stats> ReadAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        await using var db = target.CreateContext();
        var byChannel = await db.Posts.Where(p => !p.IsDeleted).GroupBy(p => p.Channel!.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var postsByChannel = ChannelKinds.All.ToDictionary(k => k.WireName(), _ => 0L);
        foreach (var row in byChannel)
            postsByChannel[row.Kind.WireName()] = row.Count;
        var open = new[] { CaseStatus.New, CaseStatus.Open, CaseStatus.PendingCustomer };
        return new Stats(
            postsByChannel.Values.Sum(),
            postsByChannel,
            await db.Cases.LongCountAsync(cancellationToken),
            await db.Cases.LongCountAsync(c => open.Contains(c.Status), cancellationToken),
            await db.Alerts.LongCountAsync(cancellationToken));
    }

    public sealed record Stats(long Posts, IReadOnlyDictionary<string, long> PostsByChannel, long Cases, long OpenCases, long Alerts);
}
