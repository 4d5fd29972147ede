using Earshot.Cases;
using Earshot.Core.Workspaces;
using Earshot.Engine.Cases;

namespace Earshot.Ui.Inbox;

/// <summary>
/// The queue: every waiting case across channels, in the order they should be worked, with the reasons. Agents
/// take "next case" rather than picking; the list refreshes live as cases arrive and change.
/// </summary>
public sealed class IndexModel(EarshotDbContext db, AccessScope scope, CaseQueue queue, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CaseListItem> Cases { get; private set; } = [];
    public IReadOnlyList<string> Teams { get; private set; } = [];
    public User Me { get; private set; } = null!;
    public string? Message { get; private set; }

    /// <summary>Why the team asked for shows nothing.</summary>
    public string? TeamError { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }

    public bool CanWork => Roles.CanWorkCases(scope.Role);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetRowsAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Partial("_QueueRows", this);
    }

    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostNextAsync(CancellationToken cancellationToken)
    {
        var (outcome, next) = await queue.TakeNextAsync(scope.UserId!.Value, await scope.WorkspaceIdsAsync(cancellationToken), cancellationToken);
        if (next is not null)
            return Redirect($"/cases/{next.Id}");
        Message = outcome == CaseQueue.NextOutcome.AtCapacity
            ? "You hold as many open cases as your capacity allows: resolve one first."
            : "Nothing waiting for your teams right now.";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAvailabilityAsync(bool available, CancellationToken cancellationToken)
    {
        await db.Users.Where(u => u.Id == scope.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Available, available), cancellationToken);
        return Redirect("/inbox");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Me = await db.Users.AsNoTracking().FirstAsync(u => u.Id == scope.UserId, cancellationToken);
        var workspaces = await scope.WorkspaceIdsAsync(cancellationToken);
        Teams = await db.Teams.AsNoTracking().Where(t => workspaces == null || workspaces.Contains(t.WorkspaceId))
            .Select(t => t.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
        var teamIds = string.IsNullOrEmpty(Team) ? null : await db.Teams.Where(t => t.Name == Team).Select(t => t.Id).ToListAsync(cancellationToken);
        if (teamIds is [])
        {
            // An empty list would filter nothing: a team that is not among the caller's shows no cases, and says so.
            TeamError = $"There is no team named \"{Team}\" in your workspaces; choose one from the list.";
            Cases = [];
            return;
        }
        var ranked = await queue.ListCachedAsync(new QueueFilter(workspaces, teamIds, null, Mine ? 500 : 100), cancellationToken);
        var chosen = ranked.Where(r => !Mine || r.Case.AssigneeId == scope.UserId).Take(100).Select(r => (r.Case, (double?)r.Priority)).ToList();
        Cases = await CaseListItem.ForAsync(db, chosen, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
