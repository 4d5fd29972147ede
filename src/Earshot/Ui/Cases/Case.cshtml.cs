using System.Globalization;
using Earshot.Cases;
using Earshot.Core.Cases;
using Earshot.Core.Workspaces;
using Earshot.Engine.Cases;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Cases;

/// <summary>
/// Working one case: the conversation across channels, the customer, replies (with canned replies), notes,
/// status and tags, reassigning, merging and splitting, and who else is here. A reply sent after someone else's
/// asks for confirmation first; so do a merge and a split. An incident case (an alert's) reads as one: no reply to
/// the alert's author and no SLA clock, a link to its alert and the cases merged into it.
/// </summary>
public sealed partial class CaseModel(EarshotDbContext db, AccessScope scope, CaseWork work, TimeProvider clock, IStringLocalizer<CaseStrings> strings) : PageModel
{
    public sealed record CaseLink(Guid Id, string Subject, string Status);

    public sealed record Choice(Guid Id, string Name);

    public CaseDetail Detail { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name, string Text)> Canned { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Conflict { get; private set; }
    /// <summary>The alert this case is the incident case of, if it is one.</summary>
    public Guid? IncidentOfAlertId { get; private set; }
    public bool IsIncident => IncidentOfAlertId is not null;
    /// <summary>Where this case went when it was merged.</summary>
    public CaseLink? MergedInto { get; private set; }
    /// <summary>The cases merged into this one (for an incident case, the customers' cases it gathers).</summary>
    public IReadOnlyList<CaseLink> Gathered { get; private set; } = [];
    /// <summary>The case the last split made, to link to.</summary>
    public CaseLink? SplitTo { get; private set; }
    public CaseStatus CurrentStatus { get; private set; }
    /// <summary>The statuses the control offers besides the current one.</summary>
    public IReadOnlyList<CaseStatus> NextStatuses => CurrentStatus.NextStatuses();
    /// <summary>Who the case may be given to: a lead sees the workspace's agents; an agent only themself.</summary>
    public IReadOnlyList<Choice> Agents { get; private set; } = [];
    /// <summary>Teams the case may move to: a lead sees the workspace's; an agent only their own.</summary>
    public IReadOnlyList<Choice> Teams { get; private set; } = [];
    public Guid? CurrentTeamId { get; private set; }
    /// <summary>The customer's other open cases, and cases whose subject matches <see cref="Find"/>: what to merge into.</summary>
    public IReadOnlyList<CaseLink> MergeCandidates { get; private set; } = [];
    public IReadOnlyList<CaseLink> Found { get; private set; } = [];
    /// <summary>A merge or split waiting for its confirmation.</summary>
    public CaseLink? ConfirmMergeInto { get; private set; }
    public IReadOnlyList<Guid> ConfirmSplitPosts { get; private set; } = [];

    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? After { get; set; }
    [BindProperty] public Guid? LastSeenEventId { get; set; }
    [BindProperty] public bool Confirm { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Tags { get; set; }
    [BindProperty] public string? Assignee { get; set; }
    [BindProperty] public string? Team { get; set; }
    [BindProperty] public Guid? IntoCase { get; set; }
    [BindProperty] public string? IntoText { get; set; }
    [BindProperty] public List<Guid> SplitPosts { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string? Find { get; set; }

    public bool CanWork => Roles.CanWorkCases(scope.Role);
    public bool CanManage => Roles.CanManage(scope.Role);
    public Guid? Me => scope.UserId;

    public string T(string name) => strings[name];

    public string T(string name, params object[] args) => strings[name, args];

    /// <summary>A status in the same words on the badge and in the control.</summary>
    public string StatusWord(string wire) => strings["Status_" + wire];

    public string StatusWord(CaseStatus status) => StatusWord(status.WireName());

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? split, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        if (split is { } to && await db.Cases.AsNoTracking().Where(c => c.Id == to).Select(c => new CaseLink(c.Id, c.Subject, "")).FirstOrDefaultAsync(cancellationToken) is { } made)
            SplitTo = made;
        return Page();
    }

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
            Conflict = PhraseStrings.Say(result.Error!);
        else
            ModelState.AddModelError(nameof(Text), T("FieldError", T("ReplyLabel"), PhraseStrings.Say(result.Error!)));
        await LoadAsync(id, cancellationToken, keepSeen: true);
        return Page();
    }

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, "NoteLabel", async () => await work.AddNoteAsync(id, await MeAsync(cancellationToken), Note ?? "", cancellationToken), cancellationToken);

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostStatusAsync(Guid id, CancellationToken cancellationToken)
    {
        var current = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => (CaseStatus?)c.Status).FirstOrDefaultAsync(cancellationToken);
        var wanted = CaseStatuses.Parse(Status);
        return await ActAsync(id, "StatusLabel", () => wanted is { } status && current is { } from && (status == from || from.NextStatuses().Contains(status))
            ? work.SetStatusAsync(id, scope.UserId!.Value, status, cancellationToken)
            : Task.FromResult(CaseActionResult.Refused("status", Phrase.Verbatim(T("StatusChoose", string.Join(", ", (current ?? CaseStatus.Open).NextStatuses().Select(StatusWord)))))), cancellationToken);
    }

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostTakeAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, "AssigneeLabel", () => work.AssignAsync(id, scope.UserId!.Value, scope.Role, scope.UserId, null, cancellationToken), cancellationToken);

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostTagsAsync(Guid id, CancellationToken cancellationToken) =>
        await ActAsync(id, "TagsLabel", () => work.SetTagsAsync(id, scope.UserId!.Value, (Tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), cancellationToken), cancellationToken);

    /// <summary>
    /// Runs an action; a refusal is shown on the page naming the form's <paramref name="label"/> (else the label of
    /// the field the refusal names).
    /// </summary>
    private async Task<IActionResult> ActAsync(Guid id, string? label, Func<Task<CaseActionResult>> action, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(id, cancellationToken))
            return NotFound();
        var result = await action();
        if (result.Ok)
            return Redirect($"/cases/{id}");
        if (result.Outcome == CaseActionOutcome.NotFound)
            return NotFound();
        ModelState.AddModelError("", T("FieldError", T(label ?? FieldLabel(result.Field)), PhraseStrings.Say(result.Error!)));
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>The form label a refusal's field is typed into.</summary>
    private static string FieldLabel(string? field) => field switch
    {
        "team_id" => "TeamLabel",
        "into" => "MergeLabel",
        "post_ids" => "SplitLabel",
        "status" => "StatusLabel",
        "tags" => "TagsLabel",
        _ => "AssigneeLabel",
    };

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken, bool keepSeen = false)
    {
        var @case = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (@case is null || !await scope.AllowsAsync(@case.WorkspaceId, cancellationToken))
            return false;
        var now = clock.GetUtcNow().UtcDateTime;
        Detail = (await CaseDetail.LoadAsync(db, id, now, cancellationToken))!;
        if (!keepSeen)
            LastSeenEventId = Detail.LastEventId;
        if (Request.Query.ContainsKey("sent"))
            Message = T("ReplySent");
        CurrentStatus = @case.Status;
        CurrentTeamId = @case.TeamId;
        IncidentOfAlertId = await db.Alerts.Where(a => a.IncidentCaseId == id).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (IsIncident)
        {
            // No customer waits on an incident's reply: the reasons leave out the waiting time and the SLA.
            Detail = Detail with { Case = Detail.Case with { Reasons = QueueOrder.Reasons(@case.Intent, @case.Severity, null, null, now) } };
        }
        else
        {
            await LoadDuringAlertsAsync(@case, now, cancellationToken);
        }
        if (@case.MergedIntoId is { } into)
            MergedInto = await db.Cases.AsNoTracking().Where(c => c.Id == into).Select(c => new CaseLink(c.Id, c.Subject, "")).FirstOrDefaultAsync(cancellationToken);
        Gathered = (await db.Cases.AsNoTracking().Where(c => c.MergedIntoId == id).OrderBy(c => c.OpenedAt).Take(100)
                .Select(c => new { c.Id, c.Subject, c.Status }).ToListAsync(cancellationToken))
            .Select(c => new CaseLink(c.Id, c.Subject, c.Status.WireName())).ToList();

        var me = await MeAsync(cancellationToken);
        var canned = new List<(Guid, string, string)>();
        foreach (var reply in await db.CannedReplies.AsNoTracking().Where(r => r.WorkspaceId == @case.WorkspaceId).OrderBy(r => r.Name).ToListAsync(cancellationToken))
            canned.Add((reply.Id, reply.Name, await CannedReplies.RenderAsync(db, reply, id, me, cancellationToken)));
        Canned = canned;
        if (CanWork)
            await LoadWorkChoicesAsync(@case, cancellationToken);
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
