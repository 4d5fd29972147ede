using Earshot.Alerts;
using Earshot.Api;
using Earshot.Core.Alerts;
using Earshot.Core.Alerts.Delivery;
using Earshot.Engine.Alerts;
using Earshot.Engine.Alerts.Delivery;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Alerts;

/// <summary>Alerts: what is spiking now (with its chart and example posts), what was, and deliveries that failed for good.</summary>
public sealed class IndexModel(
    EarshotDbContext db, AlertActions actions, IncidentCases incidents, DeliveryLog deliveries, TimeProvider clock, Access.AccessScope scope,
    IStringLocalizer<AlertsStrings> strings) : PageModel
{
    /// <summary>Charts are drawn for this many of the newest alerts; older ones are listed.</summary>
    private const int Charted = 10;

    public sealed record Row(AlertView Alert, AlertChart? Chart, IReadOnlyList<ExamplePost> Examples);

    public IReadOnlyList<Row> Open { get; private set; } = [];
    public IReadOnlyList<AlertView> Closed { get; private set; } = [];
    /// <summary>Who acknowledged the open alerts, by user id.</summary>
    public IReadOnlyDictionary<Guid, string> Acknowledgers { get; private set; } = new Dictionary<Guid, string>();
    public IReadOnlyList<DeliveryLog.Entry> DeadLetters { get; private set; } = [];

    /// <summary>What an incident case may be raised by, as customers' posts are (the default case policy's cues).</summary>
    public IReadOnlyList<string> SeverityCues { get; } = [.. Core.Cases.CasePolicy.Default.SeverityMinutes.Keys];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var workspaces = await scope.WorkspaceIdsAsync(cancellationToken);
        var open = await AlertQueries.ListAsync(db, AlertStatus.Open, 100, cancellationToken, workspaces);
        var rows = new List<Row>();
        foreach (var alert in open)
        {
            if (rows.Count < Charted && await AlertQueries.GetAsync(db, alert.Id, now, cancellationToken, workspaces) is { } detail)
                rows.Add(new Row(alert, AlertChart.Of(detail.Series, alert.StartedAt, alert.ClosedAt), detail.ExamplePosts));
            else
                rows.Add(new Row(alert, null, alert.Examples.Select(e => new ExamplePost(e.PostId, e.Text, null, null, null)).ToList()));
        }
        Open = rows;
        Closed = await AlertQueries.ListAsync(db, AlertStatus.Closed, 50, cancellationToken, workspaces);
        var acknowledgers = open.Where(a => a.AcknowledgedBy is not null).Select(a => a.AcknowledgedBy!.Value).Distinct().ToList();
        Acknowledgers = await db.Users.AsNoTracking().Where(u => acknowledgers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        DeadLetters = await deliveries.ListAsync(DeliveryStatus.Dead, 100, cancellationToken);
    }

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken cancellationToken) =>
        await MayActAsync(id, cancellationToken)
            ? Done(await actions.AcknowledgeAsync(id, AlertsApi.Actor(User), cancellationToken), "Acknowledged")
            : NotFound();

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostSnoozeAsync(Guid id, int minutes, CancellationToken cancellationToken) =>
        await MayActAsync(id, cancellationToken)
            ? Done(await actions.SnoozeAsync(id, TimeSpan.FromMinutes(Math.Clamp(minutes, 1, 7 * 24 * 60)), AlertsApi.Actor(User), cancellationToken), "Snoozed")
            : NotFound();

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) =>
        await MayActAsync(id, cancellationToken)
            ? Done(await actions.CloseAsync(id, AlertsApi.Actor(User), cancellationToken), "Closed")
            : NotFound();

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostIncidentAsync(Guid id, string? severity, CancellationToken cancellationToken)
    {
        if (!await MayActAsync(id, cancellationToken))
            return NotFound();
        var result = await incidents.OpenAsync(id, SeverityCues.Contains(severity) ? severity : null, AlertsApi.Actor(User), cancellationToken);
        if (result.CaseId is { } caseId)
            return Redirect($"/cases/{caseId}");
        Message = strings["NoSuchAlert"];
        return RedirectToPage();
    }

    [HandlerPolicy(AccessServices.Manage)]
    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        // Deliveries of other workspaces are filtered out, so "not found" covers them too.
        if (!await db.WebhookDeliveries.AnyAsync(d => d.Id == id, cancellationToken) && !await db.EmailDeliveries.AnyAsync(d => d.Id == id, cancellationToken))
            return NotFound();
        Message = strings[await deliveries.RetryAsync(id, cancellationToken) ? "RetryQueued" : "RetryNotDead"];
        return RedirectToPage();
    }

    /// <summary>The same rule as the API: alerts of the caller's own workspaces.</summary>
    private async Task<bool> MayActAsync(Guid id, CancellationToken cancellationToken)
    {
        var workspaceId = await AlertQueries.WorkspaceOfAsync(db, id, cancellationToken);
        return workspaceId is { } owner && await scope.AllowsAsync(owner, cancellationToken);
    }

    private RedirectToPageResult Done(AlertActions.Outcome outcome, string doneKey)
    {
        Message = outcome switch
        {
            AlertActions.Outcome.Done => strings[doneKey],
            AlertActions.Outcome.AlreadyClosed => strings["AlreadyClosed"],
            _ => strings["NoSuchAlert"],
        };
        return RedirectToPage();
    }
}
