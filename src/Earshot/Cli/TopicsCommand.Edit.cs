using System.CommandLine;
using Earshot.Core.Access;
using Earshot.Core.Topics;
using Earshot.Core.Topics.Query;
using Earshot.Engine.Audit;
using Earshot.Engine.Topics;
using Earshot.Engine.Workspaces;

namespace Earshot.Cli;

/// <summary>`earshot topics rename|set|remove`: the same rules as PUT and DELETE /api/topics/{id}, audited as done by the CLI.</summary>
internal static partial class TopicsCommand
{
    private static Command Rename()
    {
        var name = new Argument<string>("name") { Description = "The topic's current name" };
        var newName = new Argument<string>("new-name") { Description = "Its new name; refused if another topic has it" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var command = new Command("rename", "Rename a topic (never onto another topic's name)") { name, newName, workspace, db };
        command.SetAction((parse, cancellationToken) => ChangeAsync(parse.GetValue(db), parse.GetValue(workspace), parse.GetValue(name)!,
            topic => (parse.GetValue(newName)!, topic.Query, null), null, cancellationToken));
        return command;
    }

    private static Command Set()
    {
        var name = new Argument<string>("name") { Description = "The topic's name" };
        var query = new Option<string?>("--query") { Description = "The new listening query" };
        var team = new Option<string?>("--team") { Description = "The owning team (created if new; \"\" for none)" };
        var kind = KindOption("The topic's new kind");
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var command = new Command("set", "Change a topic's query, owning team or kind") { name, query, team, kind, workspace, db };
        command.SetAction(async (parse, cancellationToken) => !TryKind(parse.GetValue(kind), out var topicKind)
            ? EarshotCli.BadInput
            : await ChangeAsync(parse.GetValue(db), parse.GetValue(workspace), parse.GetValue(name)!,
                topic => (topic.Name, parse.GetValue(query) ?? topic.Query, parse.GetValue(team)), topicKind, cancellationToken));
        return command;
    }

    private static async Task<int> ChangeAsync(string? db, string? workspace, string name,
        Func<Core.Topics.Topic, (string Name, string Query, string? Team)> change, TopicKind? kind, CancellationToken cancellationToken)
    {
        var target = DatabaseTarget.Parse(db);
        await Migrator.MigrateAsync(target, cancellationToken);
        await using var context = target.CreateContext();
        if (await FindAsync(context, workspace, name, cancellationToken) is not { } topic)
            return await NoTopicAsync(name, workspace);
        var before = new { topic.Name, topic.Query };
        var (newName, query, team) = change(topic);
        try
        {
            if (!await TopicStore.UpdateAsync(context, topic, newName, query, team, cancellationToken, kind: kind))
            {
                await Console.Error.WriteLineAsync("error: " + Api.TopicsApi.NameTaken(newName.Trim()));
                return EarshotCli.BadInput;
            }
        }
        catch (QuerySyntaxException error)
        {
            await Console.Error.WriteLineAsync("error: " + error.Error);
            return EarshotCli.BadInput;
        }
        await new AuditLog(new EarshotDbContextFactory(target), TimeProvider.System).WriteAsync(AuditKinds.TopicSaved, AuditActor.Cli, topic.WorkspaceId, new
        {
            topic = topic.Name, topic_id = topic.Id, query = topic.Query, kind = topic.Kind.WireName(), team, created = false,
            renamed_from = before.Name == topic.Name ? null : before.Name, query_before = before.Query == topic.Query ? null : before.Query,
        }, cancellationToken);
        Console.WriteLine(before.Name == topic.Name ? $"Updated topic '{topic.Name}'." : $"Renamed topic '{before.Name}' to '{topic.Name}'.");
        return EarshotCli.Ok;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name") { Description = "The topic's name" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var command = new Command("remove", "Delete a topic and its matches (the posts stay); refused while a routing rule names it") { name, workspace, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = target.CreateContext();
            if (await FindAsync(context, parse.GetValue(workspace), parse.GetValue(name)!, cancellationToken) is not { } topic)
                return await NoTopicAsync(parse.GetValue(name)!, parse.GetValue(workspace));
            if (await TopicStore.RulesNamingAsync(context, topic, cancellationToken) is { Count: > 0 } rules)
            {
                await Console.Error.WriteLineAsync("error: " + Api.TopicsApi.RulesNameIt(rules));
                return EarshotCli.BadInput;
            }
            await TopicStore.ForgetAsync(context, topic.Id, cancellationToken);
            context.Topics.Remove(topic);
            new AuditLog(new EarshotDbContextFactory(target), TimeProvider.System).Add(context, AuditKinds.TopicDeleted, AuditActor.Cli, topic.WorkspaceId,
                new { topic = topic.Name, topic_id = topic.Id, query = topic.Query });
            await context.SaveChangesAsync(cancellationToken);
            Console.WriteLine($"Removed topic '{topic.Name}'. A running server stops matching it within {MatchStagePickup}.");
            return EarshotCli.Ok;
        });
        return command;
    }

    private static async Task<Core.Topics.Topic?> FindAsync(EarshotDbContext context, string? workspace, string name, CancellationToken cancellationToken)
    {
        var workspaceName = workspace ?? WorkspaceDirectory.DefaultWorkspace;
        return await context.Topics.FirstOrDefaultAsync(
            t => t.Name == name && context.Workspaces.Any(w => w.Id == t.WorkspaceId && w.Name == workspaceName), cancellationToken);
    }

    private static async Task<int> NoTopicAsync(string name, string? workspace)
    {
        await Console.Error.WriteLineAsync($"error: no topic '{name}' in workspace '{workspace ?? WorkspaceDirectory.DefaultWorkspace}'; see: earshot topics list");
        return EarshotCli.BadInput;
    }
}
