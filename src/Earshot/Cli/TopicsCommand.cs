using System.CommandLine;
using System.Globalization;
using Earshot.Core.Topics;
using Earshot.Core.Topics.Query;
using Earshot.Engine.Topics;
using Earshot.Engine.Workspaces;

namespace Earshot.Cli;

internal static partial class TopicsCommand
{
    public static Command Create(TimeProvider clock)
    {
        var command = new Command("topics", "Listening topics: add, list, change, remove and test them");
        command.Subcommands.Add(Add(clock));
        command.Subcommands.Add(List());
        command.Subcommands.Add(Rename());
        command.Subcommands.Add(Set());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Test(clock));
        return command;
    }

    private static Command Add(TimeProvider clock)
    {
        var name = new Argument<string>("name") { Description = "The topic's name, unique in its workspace" };
        var query = new Argument<string>("query") { Description = "The listening query (docs/QUERY-LANGUAGE.md)" };
        var team = new Option<string?>("--team") { Description = "The team that owns the topic (created if new)" };
        var backfill = new Option<int>("--backfill-days") { Description = "Also match stored posts of the last N days" };
        var kind = KindOption("The topic's kind (default other)");
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var command = new Command("add", "Add a topic (a name the workspace has is refused: change that topic with `topics set`)") { name, query, team, backfill, kind, workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!TryKind(parse.GetValue(kind), out var topicKind))
                return EarshotCli.BadInput;
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            var factory = new EarshotDbContextFactory(target);
            var workspaceId = await new WorkspaceDirectory(factory, clock).GetOrCreateWorkspaceAsync(parse.GetValue(workspace), cancellationToken);
            await using var context = factory.CreateDbContext();
            var now = clock.GetUtcNow().UtcDateTime;
            var topicName = parse.GetValue(name)!.Trim();
            if (await context.Topics.AnyAsync(t => t.WorkspaceId == workspaceId && t.Name == topicName, cancellationToken))
            {
                await Console.Error.WriteLineAsync("error: " + Api.TopicsApi.NameTaken(topicName) + " (earshot topics set NAME --query …)");
                return EarshotCli.BadInput;
            }
            try
            {
                var saved = await TopicStore.SaveAsync(context, workspaceId, parse.GetValue(name)!, parse.GetValue(query)!, parse.GetValue(team), now, cancellationToken,
                    kind: topicKind);
                Console.WriteLine($"{(saved.Created ? "Added" : "Updated")} topic '{saved.Topic.Name}'. A running server picks it up within {MatchStagePickup}.");
                if (parse.GetValue(backfill) is > 0 and var days)
                {
                    var added = await TopicTester.BackfillAsync(context, saved.Topic.Id, now.AddDays(-days), now, cancellationToken);
                    Console.WriteLine($"Backfilled {added} stored post(s) of the last {days} day(s).");
                }
                return EarshotCli.Ok;
            }
            catch (QuerySyntaxException error)
            {
                await Console.Error.WriteLineAsync("error: " + error.Error);
                return EarshotCli.BadInput;
            }
        });
        return command;
    }

    private static Option<string?> KindOption(string description) =>
        new("--kind") { Description = $"{description}: {TopicKinds.Expected}" };

    // Checked before anything is written; the refusal names the option, as the API's names the field.
    private static bool TryKind(string? text, out TopicKind? kind)
    {
        kind = null;
        if (text is null)
            return true;
        if (TopicKinds.TryParse(text, out var parsed))
        {
            kind = parsed;
            return true;
        }
        Console.Error.WriteLine($"error: --kind: {Api.TopicsApi.KindUnknown(text)}");
        return false;
    }

    private static string MatchStagePickup => $"{Earshot.Engine.Pipeline.MatchStage.RefreshInterval.TotalSeconds:0} s";

    private static Command List()
    {
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var command = new Command("list", "List topics with their kind, owning team and how many posts they matched") { workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = target.CreateContext();
            var name = parse.GetValue(workspace);
            var topics = await context.Topics.AsNoTracking()
                .Where(t => name == null || context.Workspaces.Any(w => w.Id == t.WorkspaceId && w.Name == name))
                .Select(t => new
                {
                    Workspace = context.Workspaces.Where(w => w.Id == t.WorkspaceId).Select(w => w.Name).First(),
                    t.Name, t.Query, t.Kind,
                    Team = context.Teams.Where(team => team.Id == t.TeamId).Select(team => team.Name).FirstOrDefault(),
                    Matches = context.TopicMatches.Count(m => m.TopicId == t.Id),
                })
                .OrderBy(t => t.Workspace).ThenBy(t => t.Name).ToListAsync(cancellationToken);
            if (topics.Count == 0)
                Console.WriteLine("No topics yet. Add one with: earshot topics add NAME QUERY");
            foreach (var topic in topics)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{topic.Workspace}\t{topic.Name}\t{topic.Kind.WireName()}\t{topic.Team ?? "-"}\t{topic.Matches} matches\t{topic.Query}"));
            return EarshotCli.Ok;
        });
        return command;
    }

    private static Command Test(TimeProvider clock)
    {
        var query = new Argument<string>("query") { Description = "The listening query to try" };
        var days = new Option<int>("--days") { Description = "How far back to look", DefaultValueFactory = _ => 30 };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var command = new Command("test", "Try a query on stored posts before saving it: matches per day and samples") { query, days, workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(query)!;
            var parsed = QueryParser.Parse(text);
            if (parsed.Error is { } error)
            {
                await Console.Error.WriteLineAsync("error: " + error);
                return EarshotCli.BadInput;
            }
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = target.CreateContext();
            Guid? workspaceId = null;
            if (parse.GetValue(workspace) is { } name)
                workspaceId = (await context.Workspaces.FirstOrDefaultAsync(w => w.Name == name, cancellationToken))?.Id ?? Guid.Empty;
            var now = clock.GetUtcNow().UtcDateTime;
            var result = await TopicTester.TestAsync(context, parsed.Query!, text, workspaceId, now.AddDays(-parse.GetValue(days)), now.AddMinutes(1), 20, cancellationToken);
            Console.WriteLine($"{result.Count} of {result.Scanned} posts matched{(result.Truncated ? " (stopped at the newest " + TopicTester.MaxScanned + ")" : "")}");
            foreach (var (day, count) in result.PerDay)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {day:yyyy-MM-dd}  {count}"));
            foreach (var sample in result.Samples)
                Console.WriteLine($"- @{sample.Author}: {Highlighted(sample.Text, sample.Highlights)}");
            return EarshotCli.Ok;
        });
        return command;
    }

    /// <summary>Matched words in [brackets], for a terminal.</summary>
    private static string Highlighted(string text, IReadOnlyList<Earshot.Core.Topics.Matching.TextRange> ranges)
    {
        var builder = new System.Text.StringBuilder();
        var at = 0;
        foreach (var range in ranges.OrderBy(r => r.Start))
        {
            if (range.Start < at)
                continue;
            builder.Append(text, at, range.Start - at).Append('[').Append(text, range.Start, range.Length).Append(']');
            at = range.Start + range.Length;
        }
        return builder.Append(text, at, text.Length - at).ToString().ReplaceLineEndings(" ");
    }
}
