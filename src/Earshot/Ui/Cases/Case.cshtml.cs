using Earshot.Cases;
using Earshot.Core.Cases;
using Earshot.Core.Workspaces;
using Earshot.Engine.Cases;

namespace Earshot.Ui.Cases;

/// <summary>
/// Working one case: the conversation across channels, the customer, replies (with canned replies), notes,
/// status and tags, and who else is here. A reply sent after someone else's asks for confirmation first.
/// </summary>
public sealed class CaseModel(EarshotDbContext db, AccessScope scope, CaseWork work, TimeProvider clock) : PageModel
{
    public CaseDetail Detail { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name, string Text)> Canned { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Conflict { get; private set; }
    /// <summary>The alert this case is the incident case of, if it is one.</summary>
    public Guid? IncidentOfAlertId { get; private set; }

    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? After { get; set; }
    [BindProperty] public Guid? LastSeenEventId { get; set; }
    [BindProperty] public bool Confirm { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Tags { get; set; }

    public bool CanWork => Roles.CanWorkCases(scope.Role);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostReplyAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(id, cancellationToken))
            return NotFound();
        var after = CaseStatuses.Parse(After) ?? CaseStatus.PendingCustomer;
        var result = await work.ReplyAsync(id, await MeAsync(cancellationToken), new CaseWork.ReplyRequest(Text ?? "", after, LastSeenEventId, Confirm), cancellationToken);
        if (result.Ok)
            return Redirect($"/cases/{id}?sent=1");
        if (result.Outcome == CaseActionOutcome.Conflict)
            Conflict = result.Error;
        else
            ModelState.AddModelError(nameof(Text), result.Error!);
        await LoadAsync(id, cancellationToken, keepSeen: true);
        return Page();
    }

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, async () => await work.AddNoteAsync(id, await MeAsync(cancellationToken), Note ?? "", cancellationToken), cancellationToken);

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostStatusAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, () => CaseStatuses.Parse(Status) is { } status
            ? work.SetStatusAsync(id, scope.UserId!.Value, status, cancellationToken)
            : Task.FromResult(CaseActionResult.Refused("status", "choose open, pending customer or resolved")), cancellationToken);

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostTakeAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, () => work.AssignAsync(id, scope.UserId!.Value, scope.UserId, null, cancellationToken), cancellationToken);

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostTagsAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, () => work.SetTagsAsync(id, scope.UserId!.Value, (Tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<CaseActionResult>> action, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(id, cancellationToken))
            return NotFound();
        var result = await action();
        if (result.Ok)
            return Redirect($"/cases/{id}");
        ModelState.AddModelError("", result.Error!);
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken, bool keepSeen = false)
    {
        if (!await VisibleAsync(id, cancellationToken))
            return false;
        Detail = (await CaseDetail.LoadAsync(db, id, clock.GetUtcNow().UtcDateTime, cancellationToken))!;
        if (!keepSeen)
            LastSeenEventId = Detail.LastEventId;
        if (Request.Query.ContainsKey("sent"))
            Message = "Reply sent.";
        var workspaceId = await db.Cases.Where(c => c.Id == id).Select(c => c.WorkspaceId).FirstAsync(cancellationToken);
        var me = await MeAsync(cancellationToken);
        var canned = new List<(Guid, string, string)>();
        foreach (var reply in await db.CannedReplies.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Name).ToListAsync(cancellationToken))
            canned.Add((reply.Id, reply.Name, await CannedReplies.RenderAsync(db, reply, id, me, cancellationToken)));
        Canned = canned;
        IncidentOfAlertId = await db.Alerts.Where(a => a.IncidentCaseId == id).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        return true;
    }

    private async Task<bool> VisibleAsync(Guid id, CancellationToken cancellationToken)
    {
        var workspaceId = await db.Cases.Where(c => c.Id == id).Select(c => (Guid?)c.WorkspaceId).FirstOrDefaultAsync(cancellationToken);
        return workspaceId is { } workspace && await scope.AllowsAsync(workspace, cancellationToken);
    }

    private async Task<User> MeAsync(CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().FirstAsync(u => u.Id == scope.UserId, cancellationToken);
}
