using Earshot.Cases;
using Earshot.Core.Cases;
using Earshot.Engine.Cases;

namespace Earshot.Api;

/// <summary>`/api/cases`: the queue, "next case", and everything an agent does to a case.</summary>
public static class CasesApi
{
    private static readonly Phrase NoSuchCase = new Phrase("no case with that id in your workspaces");

    public static void MapCasesApi(this WebApplication app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Cases");
        cases.MapGet("/", ListAsync).WithName("ListCases")
            .WithDescription("status=open (default) lists waiting cases in queue order, first = next to work, each with its priority and the reasons for it. Other statuses (new, pending_customer, resolved, closed, all) list the newest opened first. view= narrows it (mine, unassigned, at_risk, breached, team:ID, channel:ID, tag:NAME). Answers {items, total, next_cursor}: pass next_cursor as cursor= for the next page; null at the end. With Accept: text/csv or format=csv: every case of the list, as one streamed CSV file.")
            .Produces(StatusCodes.Status200OK, contentType: Exports.CsvDownload.ContentType);
        cases.MapGet("/counts", CountsAsync).WithName("CaseViewCounts")
            .WithDescription("How many cases each inbox view holds (about a second old at most; at once after a change made through this server): open, pending_customer, resolved, mine, unassigned, at_risk, breached, and the waiting cases per team, channel and tag (the 20 most used), each with the view= to list them.");
        cases.MapPost("/bulk", BulkAsync).RequireAuthorization(AccessServices.WorkCases).WithName("BulkCases")
            .WithDescription("One action (assign, tag, status, merge) for up to 200 cases; answers each case's result: done, not_found or refused with the reason.");
        cases.MapPost("/next", NextAsync).RequireAuthorization(AccessServices.WorkCases).WithName("NextCase")
            .WithDescription("Assigns the caller the top case they may take (their teams', unassigned) and returns it.");
        cases.MapGet("/{id:guid}", GetAsync).WithName("GetCase");
        var work = cases.MapGroup("/{id:guid}").RequireAuthorization(AccessServices.WorkCases);
        work.MapPost("/replies", ReplyAsync).WithName("ReplyToCase")
            .WithDescription("Sends a reply through the case's channel (or records it when the channel cannot send). With last_seen_event_id, a reply another agent sent since then answers 409 unless confirm is true.");
        work.MapPost("/notes", NoteAsync).WithName("AddCaseNote");
        work.MapPost("/status", StatusAsync).WithName("SetCaseStatus");
        work.MapPost("/assign", AssignAsync).WithName("AssignCase");
        work.MapPut("/tags", TagsAsync).WithName("TagCase");
        work.MapPost("/merge", MergeAsync).WithName("MergeCase");
        work.MapPost("/split", SplitAsync).WithName("SplitCase");
        cases.MapGet("/{id:guid}/canned-replies", CannedForCaseAsync).WithName("CannedRepliesForCase")
            .WithDescription("The workspace's canned replies with their variables filled in for this case.");
    }

    private static async Task<IResult> ListAsync(
        CaseLists lists, HttpRequest request, TimeProvider clock, string? status, string? view, string? team, string? assignee, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        var query = new CaseListQuery(status, view, team, assignee, cursor, limit ?? 50);
        if (Exports.CsvDownload.Wanted(request))
        {
            var (download, refused) = await Exports.CasesCsv.DownloadAsync(lists, query, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return download ?? ApiProblems.Field(refused!.Field!, refused.Error!);
        }
        var answer = await lists.LoadAsync(query, cancellationToken);
        return answer.List is { } list ? TypedResults.Ok(list) : ApiProblems.Field(answer.Field!, answer.Error!);
    }

    private static async Task<IResult> CountsAsync(AccessScope scope, CaseCounts counts, CancellationToken cancellationToken)
    {
        var all = await counts.ForAsync(await scope.WorkspaceIdsAsync(cancellationToken), cancellationToken);
        return TypedResults.Ok(new
        {
            open = all.Open, pending_customer = all.PendingCustomer, resolved = all.Resolved,
            mine = all.MineOf(scope.UserId!.Value),
            unassigned = all.Unassigned, at_risk = all.AtRisk, breached = all.Breached,
            teams = all.Teams, channels = all.Channels, tags = all.Tags,
        });
    }

    public sealed record BulkBody(IReadOnlyList<Guid>? Ids, string? Action, string? Assignee, string? Team, IReadOnlyList<string>? Tags, string? Status, Guid? Into);

    private static async Task<IResult> BulkAsync(BulkBody body, CaseBulk bulk, AccessScope scope, CancellationToken cancellationToken)
    {
        var outcome = await bulk.ApplyAsync(new BulkRequest(body.Ids, body.Action, body.Assignee, body.Team, body.Tags, body.Status, body.Into),
            scope.UserId!.Value, scope.Role, cancellationToken);
        if (outcome.Items is not { } items)
            return ApiProblems.Field(outcome.Field!, outcome.Error!);
        return TypedResults.Ok(new
        {
            items = items.Select(i => new { i.Id, i.Result, Reason = i.Reason is null ? null : PhraseStrings.Say(i.Reason) }),
            done = items.Count(i => i.Result == "done"),
            not_found = items.Count(i => i.Result == "not_found"),
            refused = items.Count(i => i.Result == "refused"),
        });
    }

    private static async Task<IResult> NextAsync(EarshotDbContext db, AccessScope scope, CaseQueue queue, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (outcome, @case) = await queue.TakeNextAsync(scope.UserId!.Value, await scope.WorkspaceIdsAsync(cancellationToken), cancellationToken);
        return outcome switch
        {
            CaseQueue.NextOutcome.Assigned => TypedResults.Ok((await CaseListItem.ForAsync(db, [(@case!, null)], clock.GetUtcNow().UtcDateTime, cancellationToken))[0]),
            CaseQueue.NextOutcome.AtCapacity => ApiProblems.Field("capacity", new Phrase("you hold as many open cases as your capacity allows; resolve one first"), 409),
            _ => TypedResults.NoContent(),
        };
    }

    private static async Task<IResult> GetAsync(Guid id, EarshotDbContext db, AccessScope scope, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(db, scope, id, cancellationToken))
            return ApiProblems.NotFound(NoSuchCase);
        return TypedResults.Ok(await CaseDetail.LoadAsync(db, id, clock.GetUtcNow().UtcDateTime, cancellationToken));
    }

    public sealed record ReplyBody(string? Text, Guid? CannedReplyId, string? Status, Guid? LastSeenEventId, bool? Confirm);

    private static async Task<IResult> ReplyAsync(Guid id, ReplyBody body, EarshotDbContext db, AccessScope scope, CaseWork work, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(db, scope, id, cancellationToken))
            return ApiProblems.NotFound(NoSuchCase);
        var after = body.Status is null ? CaseStatus.PendingCustomer : CaseStatuses.Parse(body.Status);
        if (after is null)
            return ApiProblems.Field("status", new Phrase("'{0}' is not a status; use open, pending_customer or resolved", body.Status));
        var text = body.Text;
        if (body.CannedReplyId is { } cannedId)
        {
            // The case's own workspace's replies only: an admin sees every workspace, but one brand's wording is not another's.
            var canned = await db.CannedReplies.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Id == cannedId && db.Cases.Any(c => c.Id == id && c.WorkspaceId == r.WorkspaceId), cancellationToken);
            if (canned is null)
                return ApiProblems.Field("canned_reply_id", new Phrase("no such canned reply"));
            text = string.IsNullOrWhiteSpace(text) ? await CannedReplies.RenderAsync(db, canned, id, await CurrentUserAsync(db, scope, cancellationToken), cancellationToken) : text;
        }
        var result = await work.ReplyAsync(id, await CurrentUserAsync(db, scope, cancellationToken),
            new CaseWork.ReplyRequest(text ?? "", after.Value, body.LastSeenEventId, body.Confirm ?? false), cancellationToken);
        return Answer(result);
    }

    public sealed record NoteBody(string? Text);

    private static async Task<IResult> NoteAsync(Guid id, NoteBody body, EarshotDbContext db, AccessScope scope, CaseWork work, CancellationToken cancellationToken) =>
        !await VisibleAsync(db, scope, id, cancellationToken)
            ? ApiProblems.NotFound(NoSuchCase)
            : Answer(await work.AddNoteAsync(id, await CurrentUserAsync(db, scope, cancellationToken), body.Text ?? "", cancellationToken));

    public sealed record StatusBody(string? Status);

    private static async Task<IResult> StatusAsync(Guid id, StatusBody body, EarshotDbContext db, AccessScope scope, CaseWork work, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(db, scope, id, cancellationToken))
            return ApiProblems.NotFound(NoSuchCase);
        if (CaseStatuses.Parse(body.Status) is not { } status)
            return ApiProblems.Field("status", new Phrase("'{0}' is not a status; use new, open, pending_customer, resolved or closed", body.Status));
        return Answer(await work.SetStatusAsync(id, scope.UserId!.Value, status, cancellationToken));
    }

    public sealed record AssignBody(string? AssigneeId, Guid? TeamId);

    private static async Task<IResult> AssignAsync(Guid id, AssignBody body, EarshotDbContext db, AccessScope scope, CaseWork work, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(db, scope, id, cancellationToken))
            return ApiProblems.NotFound(NoSuchCase);
        Guid? assignee = body.AssigneeId switch
        {
            null or "" => null,
            "me" => scope.UserId,
            var text when Guid.TryParse(text, out var parsed) => parsed,
            _ => Guid.Empty,
        };
        if (assignee == Guid.Empty)
            return ApiProblems.Field("assignee_id", new Phrase("use 'me', a user id, or null to unassign"));
        return Answer(await work.AssignAsync(id, scope.UserId!.Value, scope.Role, assignee, body.TeamId, cancellationToken));
    }

    public sealed record TagsBody(IReadOnlyList<string>? Tags);

    private static async Task<IResult> TagsAsync(Guid id, TagsBody body, EarshotDbContext db, AccessScope scope, CaseWork work, CancellationToken cancellationToken) =>
        !await VisibleAsync(db, scope, id, cancellationToken)
            ? ApiProblems.NotFound(NoSuchCase)
            : Answer(await work.SetTagsAsync(id, scope.UserId!.Value, body.Tags ?? [], cancellationToken));

    public sealed record MergeBody(Guid? Into);

    private static async Task<IResult> MergeAsync(Guid id, MergeBody body, EarshotDbContext db, AccessScope scope, CaseWork work, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(db, scope, id, cancellationToken))
            return ApiProblems.NotFound(NoSuchCase);
        if (body.Into is not { } into)
            return ApiProblems.Field("into", new Phrase("name the case to merge into"));
        return Answer(await work.MergeAsync(id, into, scope.UserId!.Value, cancellationToken));
    }

    public sealed record SplitBody(IReadOnlyList<Guid>? PostIds);

    private static async Task<IResult> SplitAsync(Guid id, SplitBody body, EarshotDbContext db, AccessScope scope, CaseWork work, CancellationToken cancellationToken) =>
        !await VisibleAsync(db, scope, id, cancellationToken)
            ? ApiProblems.NotFound(NoSuchCase)
            : Answer(await work.SplitAsync(id, body.PostIds ?? [], scope.UserId!.Value, cancellationToken));

    private static async Task<IResult> CannedForCaseAsync(Guid id, EarshotDbContext db, AccessScope scope, CancellationToken cancellationToken)
    {
        var workspaceId = await db.Cases.Where(c => c.Id == id).Select(c => (Guid?)c.WorkspaceId).FirstOrDefaultAsync(cancellationToken);
        if (workspaceId is null || !await scope.AllowsAsync(workspaceId.Value, cancellationToken))
            return ApiProblems.NotFound(NoSuchCase);
        var agent = await CurrentUserAsync(db, scope, cancellationToken);
        var replies = await db.CannedReplies.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Name).ToListAsync(cancellationToken);
        var rendered = new List<object>();
        foreach (var reply in replies)
            rendered.Add(new { reply.Id, reply.Name, Text = await CannedReplies.RenderAsync(db, reply, id, agent, cancellationToken) });
        return TypedResults.Ok(rendered);
    }

    private static IResult Answer(CaseActionResult result) => result.Outcome switch
    {
        CaseActionOutcome.Done => TypedResults.Ok(result.Value ?? new { ok = true }),
        CaseActionOutcome.Conflict when result.Value is not null =>
            ApiProblems.Problem(StatusCodes.Status409Conflict, new Phrase("Conflict"), result.Error!,
                extensions: new Dictionary<string, object?> { ["field"] = result.Field, ["conflict"] = result.Value }),
        var refused => ApiProblems.Field(result.Field!, result.Error!, StatusCode(refused)),
    };

    /// <summary>The HTTP status code each way an action on a case can end answers with.</summary>
    private static int StatusCode(CaseActionOutcome outcome) => outcome switch
    {
        CaseActionOutcome.Done => StatusCodes.Status200OK,
        CaseActionOutcome.NotFound => StatusCodes.Status404NotFound,
        CaseActionOutcome.Conflict => StatusCodes.Status409Conflict,
        CaseActionOutcome.Forbidden => StatusCodes.Status403Forbidden,
        CaseActionOutcome.ChannelRefused => StatusCodes.Status502BadGateway,
        _ => StatusCodes.Status400BadRequest,
    };

    internal static async Task<bool> VisibleAsync(EarshotDbContext db, AccessScope scope, Guid caseId, CancellationToken cancellationToken)
    {
        var workspaceId = await db.Cases.Where(c => c.Id == caseId).Select(c => (Guid?)c.WorkspaceId).FirstOrDefaultAsync(cancellationToken);
        return workspaceId is { } id && await scope.AllowsAsync(id, cancellationToken);
    }

    internal static async Task<Core.Workspaces.User> CurrentUserAsync(EarshotDbContext db, AccessScope scope, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().FirstAsync(u => u.Id == scope.UserId, cancellationToken);
}
