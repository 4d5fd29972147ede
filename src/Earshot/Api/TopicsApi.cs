using Earshot.Core.Access;
using Earshot.Core.Posts;
using Earshot.Core.Topics;
using Earshot.Core.Topics.Matching;
using Earshot.Core.Topics.Query;
using Earshot.Engine.Audit;
using Earshot.Engine.Topics;
using Earshot.Engine.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Earshot.Api;

/// <summary>`/api/topics`: listening topics and the rule tester.</summary>
public static class TopicsApi
{
    private static readonly Phrase NoSuchTopic = new Phrase("no topic with that id in your workspaces");

    public static void MapTopicsApi(this WebApplication app)
    {
        var topics = app.MapGroup("/api/topics").WithTags("Topics");
        topics.MapGet("/", ListAsync).WithName("ListTopics");
        topics.MapPost("/", SaveAsync).RequireAuthorization(Access.AccessServices.Manage).WithName("SaveTopic")
            .WithDescription("Creates a topic; a name the workspace already has answers 409 (change that topic with PUT). backfill_days also matches stored posts of the last N days; kind is brand, competitor, product, campaign or other (the default).");
        topics.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Access.AccessServices.Manage).WithName("UpdateTopic")
            .WithDescription("Renames and changes a topic (workspace is the topic's own). Renaming onto another topic's name answers 409 naming `name`; a null team keeps the owner, \"\" clears it; a null kind keeps the kind.");
        topics.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Access.AccessServices.Manage).WithName("DeleteTopic")
            .WithDescription("Deletes the topic and its matches (the posts stay). Refused (409) while a routing rule names it.");
        topics.MapPost("/test", TestAsync).WithName("TestTopicQuery")
            .WithDescription("Counts the stored posts a query matches, per day, with 20 samples and the matched words, before the topic is saved.");
    }

    /// <param name="Kind">brand, competitor, product, campaign or other.</param>
    public sealed record TopicView(Guid Id, string Workspace, string Name, string Query, string? Team, int Matches, string Kind);

    /// <param name="Sensitivity">low, normal or high: how easily spikes on the topic raise alerts.</param>
    /// <param name="AlertEmail">The owning team's alert address ("" clears it).</param>
    /// <param name="Kind">brand, competitor, product, campaign or other: which side of share of voice the topic counts for.</param>
    public sealed record SaveTopicRequest(string? Workspace, string? Name, string? Query, string? Team, int? BackfillDays,
        string? Sensitivity = null, string? AlertEmail = null, string? Kind = null);

    public sealed record SaveTopicResponse(TopicView Topic, bool Created, int Backfilled);

    public sealed record TestRequest(string? Query, string? Workspace, DateTime? From, DateTime? To);

    public sealed record TestResponse(int Count, int Scanned, bool Truncated, IReadOnlyList<DayCount> PerDay, IReadOnlyList<SampleView> Samples, XRuleView XRule);

    /// <summary>The filtered-stream rule an X channel would send for the query (docs/QUERY-LANGUAGE.md, "X stream rules").</summary>
    public sealed record XRuleView(string? Rule, string Fidelity, IReadOnlyList<string> Notes, string? Reason, string Summary);

    public sealed record DayCount(DateOnly Day, int Count);

    public sealed record SampleView(Guid PostId, string Author, string Channel, DateTime CreatedAt, string Text, IReadOnlyList<TextRange> Highlights);

    private static async Task<Ok<List<TopicView>>> ListAsync(EarshotDbContext db, Access.AccessScope scope, string? workspace, CancellationToken cancellationToken)
    {
        var topics = await scope.FilterAsync(db.Topics.Where(t => workspace == null || db.Workspaces.Any(w => w.Id == t.WorkspaceId && w.Name == workspace)), t => t.WorkspaceId, cancellationToken);
        var views = await Views(db, topics).ToListAsync(cancellationToken);
        return TypedResults.Ok(views.OrderBy(t => t.Workspace, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList());
    }

    private static IQueryable<TopicView> Views(EarshotDbContext db, IQueryable<Core.Topics.Topic> topics) => topics.AsNoTracking().Select(t => new TopicView(
        t.Id,
        db.Workspaces.Where(w => w.Id == t.WorkspaceId).Select(w => w.Name).First(),
        t.Name, t.Query,
        db.Teams.Where(team => team.Id == t.TeamId).Select(team => team.Name).FirstOrDefault(),
        db.TopicMatches.Count(m => m.TopicId == t.Id),
        t.Kind.WireName()));

    // The same checks for creating and changing, so the API, the page and the CLI agree.
    private static Dictionary<string, Phrase[]> Check(SaveTopicRequest request, out Core.Alerts.Detection.Sensitivity? sensitivity, out TopicKind? kind)
    {
        var errors = new Dictionary<string, Phrase[]>();
        if (string.IsNullOrWhiteSpace(request.Name))
            errors["name"] = [new Phrase("'name' is required")];
        else if (request.Name.Length > 200)
            errors["name"] = [new Phrase("'name' is at most 200 characters")];
        if (string.IsNullOrWhiteSpace(request.Query))
            errors["query"] = [new Phrase("'query' is required")];
        else if (QueryParser.Parse(request.Query).Error is { } error)
            errors["query"] = [QueryMessage(error)];
        if (request.BackfillDays is < 0 or > 3650)
            errors["backfill_days"] = [new Phrase("'backfill_days' must be from 0 to 3650")];
        sensitivity = null;
        if (request.Sensitivity is { } level)
        {
            if (Enum.TryParse<Core.Alerts.Detection.Sensitivity>(level, ignoreCase: true, out var parsed) && !int.TryParse(level, out _))
                sensitivity = parsed;
            else
                errors["sensitivity"] = [new Phrase("'sensitivity' is low, normal or high")];
        }
        kind = null;
        if (request.Kind is { } kindName)
        {
            if (TopicKinds.TryParse(kindName, out var parsedKind))
                kind = parsedKind;
            else
                errors["kind"] = [KindUnknown(kindName)];
        }
        if (request.AlertEmail is { Length: > 0 } email && !System.Net.Mail.MailAddress.TryCreate(email, out _))
            errors["alert_email"] = [new Phrase("'alert_email' is not an e-mail address")];
        else if (request.AlertEmail is not null && string.IsNullOrWhiteSpace(request.Team))
            errors["alert_email"] = [new Phrase("'alert_email' is the owning team's address; name the 'team' too")];
        return errors;
    }

    public static Phrase KindUnknown(string kind) => new Phrase("'{0}' is not a topic kind; use one of {1}", kind, TopicKinds.Expected);

    public static Phrase NameTaken(string name) => new Phrase("a topic named '{0}' already exists in this workspace; change that one, or choose another name", name);

    private static async Task<IResult> SaveAsync(
        SaveTopicRequest request, EarshotDbContext db, Access.AccessScope scope, Access.WorkspaceResolver resolver, TopicIndex index, AuditLog audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = Check(request, out var sensitivity, out var kind);
        var (workspaceId, missing) = await resolver.ResolveAsync(request.Workspace, cancellationToken);
        if (missing is not null)
            errors["workspace"] = [missing];
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        var name = request.Name!.Trim();
        if (await db.Topics.AnyAsync(t => t.WorkspaceId == workspaceId && t.Name == name, cancellationToken))
            return ApiProblems.Field("name", NameTaken(name), 409);

        var now = clock.GetUtcNow().UtcDateTime;
        var saved = await TopicStore.SaveAsync(db, workspaceId!.Value, name, request.Query!, request.Team, now, cancellationToken,
            sensitivity, request.AlertEmail, kind);
        await index.ApplyAsync(saved.Topic.Id, workspaceId.Value, saved.Topic.Query, cancellationToken);
        await audit.WriteAsync(AuditKinds.TopicSaved, AuditActor.User(scope.UserId), workspaceId.Value,
            new { topic = saved.Topic.Name, topic_id = saved.Topic.Id, query = saved.Topic.Query, kind = saved.Topic.Kind.WireName(), team = request.Team, saved.Created }, cancellationToken);
        var backfilled = request.BackfillDays is > 0 and var days
            ? await TopicTester.BackfillAsync(db, saved.Topic.Id, now.AddDays(-days), now, cancellationToken)
            : 0;
        var view = await Views(db, db.Topics.Where(t => t.Id == saved.Topic.Id)).FirstAsync(cancellationToken);
        return TypedResults.Created($"/api/topics/{view.Id}", new SaveTopicResponse(view, saved.Created, backfilled));
    }

    private static async Task<IResult> UpdateAsync(
        Guid id, SaveTopicRequest request, EarshotDbContext db, Access.AccessScope scope, TopicIndex index, AuditLog audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (topic is null)
            return ApiProblems.NotFound(NoSuchTopic);
        var errors = Check(request, out var sensitivity, out var kind);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        var before = new { topic.Name, topic.Query };
        if (!await TopicStore.UpdateAsync(db, topic, request.Name!, request.Query!, request.Team, cancellationToken, sensitivity, request.AlertEmail, kind, clock.GetUtcNow().UtcDateTime))
            return ApiProblems.Field("name", NameTaken(request.Name!.Trim()), 409);
        await index.ApplyAsync(topic.Id, topic.WorkspaceId, topic.Query, cancellationToken);
        await audit.WriteAsync(AuditKinds.TopicSaved, AuditActor.User(scope.UserId), topic.WorkspaceId, new
        {
            topic = topic.Name, topic_id = topic.Id, query = topic.Query, kind = topic.Kind.WireName(), team = request.Team, created = false,
            renamed_from = before.Name == topic.Name ? null : before.Name, query_before = before.Query == topic.Query ? null : before.Query,
        }, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var backfilled = request.BackfillDays is > 0 and var days
            ? await TopicTester.BackfillAsync(db, topic.Id, now.AddDays(-days), now, cancellationToken)
            : 0;
        var view = await Views(db, db.Topics.Where(t => t.Id == topic.Id)).FirstAsync(cancellationToken);
        return TypedResults.Ok(new SaveTopicResponse(view, false, backfilled));
    }

    private static async Task<IResult> DeleteAsync(
        Guid id, EarshotDbContext db, TopicIndex index, AuditLog audit, Access.AccessScope scope, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (topic is null)
            return ApiProblems.NotFound(NoSuchTopic);
        // Dropping the topic from a rule would widen the rule to every topic, so the lead changes the rule first.
        if (await TopicStore.RulesNamingAsync(db, topic, cancellationToken) is { Count: > 0 } rules)
            return ApiProblems.Field("id", RulesNameIt(rules), 409);
        await TopicStore.ForgetAsync(db, id, cancellationToken);
        db.Topics.Remove(topic);
        audit.Add(db, AuditKinds.TopicDeleted, AuditActor.User(scope.UserId), topic.WorkspaceId, new { topic = topic.Name, topic_id = topic.Id, query = topic.Query });
        await db.SaveChangesAsync(cancellationToken);
        await index.RemoveAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TestResponse>, ValidationProblem>> TestAsync(
        TestRequest request, EarshotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
            return ApiProblems.Invalid("query", new Phrase("'query' is required"));
        var parsed = QueryParser.Parse(request.Query);
        if (parsed.Error is { } error)
        {
            return ApiProblems.Invalid(new Dictionary<string, Phrase[]> { ["query"] = [QueryMessage(error)] },
                extensions: new Dictionary<string, object?> { ["column"] = error.Column, ["caret"] = error.CaretLine });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var to = request.To?.ToUniversalTime() ?? now.AddMinutes(1);
        var from = request.From?.ToUniversalTime() ?? to.AddDays(-30);
        if (from >= to)
            return ApiProblems.Invalid("from", new Phrase("'from' must be before 'to'"));
        Guid? workspaceId = null;
        if (!string.IsNullOrWhiteSpace(request.Workspace))
            workspaceId = (await db.Workspaces.FirstOrDefaultAsync(w => w.Name == request.Workspace, cancellationToken))?.Id ?? Guid.Empty;
        var result = await TopicTester.TestAsync(db, parsed.Query!, request.Query, workspaceId, from, to, 20, cancellationToken);
        var limits = workspaceId is { } id ? (await Connectors.X.XRuleReport.LimitsByWorkspaceAsync(db, cancellationToken)).GetValueOrDefault(id) : null;
        var x = Connectors.X.XRuleTranslator.Translate(parsed.Query!, request.Query, limits);
        return TypedResults.Ok(new TestResponse(result.Count, result.Scanned, result.Truncated,
            result.PerDay.Select(d => new DayCount(d.Day, d.Count)).ToList(),
            result.Samples.Select(s => new SampleView(s.PostId, s.Author, s.Channel, s.CreatedAt, s.Text, s.Highlights)).ToList(),
            new XRuleView(x.Rule, x.Fidelity.ToString().ToLowerInvariant(), x.Notes, x.Reason, x.Summary)));
    }

    public static Phrase RulesNameIt(IReadOnlyList<string> rules)
    {
        var names = string.Join(", ", rules.Select(r => $"'{r}'"));
        return rules.Count == 1
            ? new Phrase("the routing rule {0} routes by this topic; change or delete it first", names)
            : new Phrase("the routing rules {0} route by this topic; change or delete them first", names);
    }

    internal static Phrase QueryMessage(QueryError error) => new Phrase("{0} at column {1}", error.Said, error.Column);
}
