using System.CommandLine;
using Earshot.Connectors.X;
using Earshot.Core.Posts;

namespace Earshot.Cli;

internal static partial class ChannelsCommand
{
    /// <summary>Each topic's X rule on a channel: exact, broader (and why), or not sent (and why); and what X refused.</summary>
    private static Command XRules()
    {
        var channel = new Argument<string>("channel") { Description = "The X channel's name or id" };
        var db = CommonOptions.Db();
        var command = new Command("x-rules", "Show the filtered-stream rule each topic becomes on an X channel, and what could not be expressed") { channel, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = target.CreateContext();
            var wanted = parse.GetValue(channel)!;
            var found = await context.Channels.AsNoTracking().Where(c => c.Kind == ChannelKind.X)
                .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
            var match = found.FirstOrDefault(c => c.Name == wanted || c.Id.ToString() == wanted || c.Id.ToString("N") == wanted);
            if (match is null)
            {
                await Console.Error.WriteLineAsync($"error: no X channel is named '{wanted}'");
                return EarshotCli.BadInput;
            }
            var rules = await XRuleReport.ForChannelAsync(context, match.Id, cancellationToken);
            if (rules.Count == 0)
                Console.WriteLine("No topics are sent as rules (the workspace has none, or the channel was added with --no-topics).");
            foreach (var rule in rules)
            {
                Console.WriteLine($"{rule.Topic}\t{rule.Translation.Rule ?? "(no rule)"}\t{rule.Translation.Summary}");
                if (rule.Refused is { } refused)
                    Console.WriteLine($"\tX refused it at the last sync: {refused}");
            }
            foreach (var refused in XRejections.Read(await context.Channels.Where(c => c.Id == match.Id).Select(c => c.Cursor).FirstAsync(cancellationToken))
                         .Where(r => r.Tag == XRulePlanner.ChannelTag(match.Id)))
                Console.WriteLine($"(channel rule)\t{refused.Value}\tX refused it at the last sync: {refused.Message}");
            return EarshotCli.Ok;
        });
        return command;
    }
}
