using System.Globalization;
using Earshot.Cases;
using Earshot.Core.Workspaces;
using Earshot.Engine.Cases;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Inbox;

/// <summary>
/// The inbox: views with their counts (status, mine, unassigned, SLA at risk, breached, per team, channel and tag)
/// and the person's saved views; the chosen list paged by cursor with its total; a bulk bar for the selected rows.
/// Waiting cases are in the order they should be worked, with the reasons; the list refreshes live.
/// </summary>
public sealed class IndexModel(
    EarshotDbContext db, AccessScope scope, CaseQueue queue, CaseLists lists, CaseCounts counts, CaseBulk bulk, SavedViews savedViews,
    TimeProvider clock, IStringLocalizer<InboxStrings> strings) : PageModel
{
    public const int PageSize = 50;

    public CaseList List { get; private set; } = new([], 0, null);
    public IReadOnlyList<CaseListItem> Cases => List.Items;
    public IReadOnlyList<string> Teams { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Agents { get; private set; } = [];
    public InboxCounts Counts { get; private set; } = InboxCounts.Empty;
    public int MineCount { get; private set; }
    public IReadOnlyList<SavedViewItem> Saved { get; private set; } = [];
    public User Me { get; private set; } = null!;
    public string? Message { get; private set; }
    /// <summary>Per-case lines of the last bulk action that did not go through.</summary>
    public IReadOnlyList<string> MessageDetails { get; private set; } = [];

    /// <summary>Why the team asked for shows nothing.</summary>
    public string? TeamError { get; private set; }
    /// <summary>Why the filter (view, status, page) cannot be shown, in the form's words.</summary>
    public string? FilterError { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? View { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public bool CanWork => Roles.CanWorkCases(scope.Role);
    public bool CanManage => Roles.CanManage(scope.Role);
    public string Text(string key) => strings[key];
    public string Text(string key, params object[] values) => string.Format(CultureInfo.CurrentCulture, strings[key], values);

    /// <summary>The status shown: "open" unless another was asked for.</summary>
    public string CurrentStatus => string.IsNullOrWhiteSpace(Status) ? "open" : Status;

    /// <summary>The inbox URL for a view (keeping the team filter), without a cursor.</summary>
    public string LinkTo(string? status, string? view)
    {
        var query = new List<string>();
        if (status is not null && status != "open")
            query.Add("status=" + Uri.EscapeDataString(status));
        if (view is not null)
            query.Add("view=" + Uri.EscapeDataString(view));
        if (!string.IsNullOrEmpty(Team))
            query.Add("team=" + Uri.EscapeDataString(Team));
        return "/inbox" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    public bool IsCurrent(string? status, string? view) => CurrentStatus == (status ?? "open") && View == view;

    /// <summary>The link to the next page, or null on the last.</summary>
    public string? NextPage => List.NextCursor is { } next ? LinkTo(CurrentStatus, View) + (LinkTo(CurrentStatus, View).Contains('?', StringComparison.Ordinal) ? "&" : "?") + "cursor=" + Uri.EscapeDataString(next) : null;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetRowsAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Partial("_QueueRows", this);
    }

    /// <summary>Every case of the list shown (all pages), as CSV; a list that cannot be read shows the page with the reason.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var view = string.IsNullOrWhiteSpace(View) ? (Mine ? "mine" : null) : View;
        var (download, _) = await Exports.CasesCsv.DownloadAsync(lists, new CaseListQuery(CurrentStatus, view, Team, null, null, PageSize),
            clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (download is not null)
            return download;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The CSV download of the list shown: its status, view and team, no cursor.</summary>
    public string CsvLink
    {
        get
        {
            var link = LinkTo(CurrentStatus, View);
            return link + (link.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=Csv";
        }
    }

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostNextAsync(CancellationToken cancellationToken)
    {
        var (outcome, next) = await queue.TakeNextAsync(scope.UserId!.Value, await scope.WorkspaceIdsAsync(cancellationToken), cancellationToken);
        if (next is not null)
            return Redirect($"/cases/{next.Id}");
        Message = outcome == CaseQueue.NextOutcome.AtCapacity ? Text("AtCapacity") : Text("NothingWaiting");
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAvailabilityAsync(bool available, CancellationToken cancellationToken)
    {
        await db.Users.Where(u => u.Id == scope.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Available, available), cancellationToken);
        return Redirect("/inbox");
    }

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostBulkAsync(List<Guid> ids, string? action, string? assignee, string? toTeam, string? tag, string? toStatus, Guid? into,
        CancellationToken cancellationToken)
    {
        var outcome = await bulk.ApplyAsync(new BulkRequest(ids, action, assignee, toTeam, tag is null ? null : [tag], toStatus, into),
            scope.UserId!.Value, scope.Role, cancellationToken);
        if (outcome.Items is not { } items)
        {
            // The form's own words for the field at fault.
            TempData[ErrorKey] = Text("BulkProblem", Text("BulkField_" + outcome.Field), PhraseStrings.Say(outcome.Error!));
        }
        else
        {
            var done = items.Count(i => i.Result == "done");
            var verb = Text("BulkDone_" + action!.Trim().ToLowerInvariant());
            var failed = items.Where(i => i.Result != "done").ToList();
            TempData[MessageKey] = failed.Count == 0 ? Text("BulkResult", done, verb) : Text("BulkResultWithFailures", done, verb, failed.Count);
            var failedIds = failed.Select(f => f.Id).ToList();
            var subjects = await db.Cases.AsNoTracking().Where(c => failedIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Subject, cancellationToken);
            TempData[DetailsKey] = string.Join('\n', failed.Select(f => $"{subjects.GetValueOrDefault(f.Id) ?? f.Id.ToString()}: {(f.Reason is null ? null : PhraseStrings.Say(f.Reason))}"));
        }
        return Back();
    }

    private const string MessageKey = "inbox.message", DetailsKey = "inbox.details", ErrorKey = "inbox.error";

    /// <summary>Back to the list the form was sent from (post, redirect, get: a reload does not repeat the action).</summary>
    private RedirectResult Back()
    {
        var link = LinkTo(CurrentStatus, string.IsNullOrWhiteSpace(View) ? null : View);
        return Redirect(string.IsNullOrWhiteSpace(Cursor) ? link : link + (link.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "cursor=" + Uri.EscapeDataString(Cursor));
    }

    public async Task<IActionResult> OnPostSaveViewAsync(string? viewName, CancellationToken cancellationToken)
    {
        var (saved, field, error) = await savedViews.SaveAsync(viewName, CurrentStatus, View ?? (Mine ? "mine" : null), Team, cancellationToken);
        if (saved is null)
            TempData[ErrorKey] = Text("SaveProblem", Text("SaveField_" + field), error!);
        else
            TempData[MessageKey] = Text("Saved", saved.Name);
        return Back();
    }

    public async Task<IActionResult> OnPostDeleteViewAsync(Guid viewId, CancellationToken cancellationToken)
    {
        TempData[MessageKey] = await savedViews.DeleteAsync(viewId, cancellationToken) ? Text("Deleted") : Text("NoSuchView");
        return Back();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(View))
            View = Mine ? "mine" : null;
        if (string.IsNullOrWhiteSpace(Cursor))
            Cursor = null;
        Message ??= TempData[MessageKey] as string;
        if (TempData[DetailsKey] is string { Length: > 0 } details)
            MessageDetails = details.Split('\n');
        FilterError ??= TempData[ErrorKey] as string;
        Me = await db.Users.AsNoTracking().FirstAsync(u => u.Id == scope.UserId, cancellationToken);
        var workspaces = await scope.WorkspaceIdsAsync(cancellationToken);
        Teams = await db.Teams.AsNoTracking().Select(t => t.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
        if (CanManage)
            Agents = (await db.Users.AsNoTracking().Where(u => u.DeactivatedAt == null && u.Role != Roles.Analyst)
                .Where(u => u.Role == Roles.Admin || db.WorkspaceMembers.Any(m => m.UserId == u.Id))
                .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
                .Select(u => (u.Id, u.DisplayName)).ToList();
        Counts = await counts.ForAsync(workspaces, cancellationToken);
        MineCount = Counts.MineOf(scope.UserId!.Value);
        Saved = await savedViews.ListAsync(cancellationToken);
        if (!string.IsNullOrEmpty(Team) && !Teams.Contains(Team))
        {
            // An unknown team would otherwise filter nothing: it shows no cases, and says so.
            TeamError = Text("NoTeam", Team);
            return;
        }
        var answer = await lists.LoadAsync(new CaseListQuery(CurrentStatus, View, Team, null, Cursor, PageSize), cancellationToken);
        if (answer.List is { } list)
            List = list;
        else
            FilterError ??= Text("BadFilter", Text("Field_" + answer.Field), PhraseStrings.Say(answer.Error!));
    }
}
