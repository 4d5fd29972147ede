using Earshot.Connectors.X;
using Earshot.Core.Topics.Query;
using Earshot.Engine.Topics;
using Earshot.Engine.Workspaces;

namespace Earshot.Ui.Topics;

/// <summary>Topics: what each workspace listens for, and an editor that tests a query on stored posts as you type.</summary>
public sealed class IndexModel(EarshotDbContext db, Access.WorkspaceResolver resolver, TopicIndex index, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid WorkspaceId, string Workspace, string Name, string Query, string? Team, int Matches)
    {
        /// <summary>The filtered-stream rule an X channel sends for this topic, with what was broadened or why none is sent.</summary>
        public XRuleTranslation? XRule { get; init; }
    }

    public IReadOnlyList<Row> Topics { get; private set; } = [];
    public IReadOnlyList<string> Workspaces { get; private set; } = [];

    [BindProperty] public string? Workspace { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Query { get; set; }
    [BindProperty] public string? Team { get; set; }
    [BindProperty] public int BackfillDays { get; set; } = 7;

    public string? Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    [HandlerPolicy(AccessServices.Manage)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Name))
            ModelState.AddModelError(nameof(Name), "Give the topic a name.");
        if (string.IsNullOrWhiteSpace(Query))
            ModelState.AddModelError(nameof(Query), "Write the query the topic listens for.");
        else if (QueryParser.Parse(Query).Error is { } error)
            ModelState.AddModelError(nameof(Query), $"{error.Message} at column {error.Column}");
        if (BackfillDays is < 0 or > 3650)
            ModelState.AddModelError(nameof(BackfillDays), "Backfill from 0 to 3650 days.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var (resolved, missing) = await resolver.ResolveAsync(Workspace, cancellationToken);
        if (resolved is not { } workspaceId)
        {
            ModelState.AddModelError(nameof(Workspace), missing!);
            await LoadAsync(cancellationToken);
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var saved = await TopicStore.SaveAsync(db, workspaceId, Name!, Query!, Team, now, cancellationToken);
        await index.ApplyAsync(saved.Topic.Id, workspaceId, saved.Topic.Query, cancellationToken);
        var backfilled = BackfillDays > 0 ? await TopicTester.BackfillAsync(db, saved.Topic.Id, now.AddDays(-BackfillDays), now, cancellationToken) : 0;
        TempData["Saved"] = $"Saved '{saved.Topic.Name}'" + (BackfillDays > 0 ? $" and matched {backfilled} stored post(s) of the last {BackfillDays} day(s)." : ".");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Saved = TempData["Saved"] as string;
        Workspaces = await db.Workspaces.AsNoTracking().OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(cancellationToken);
        // The tester and the save must speak of the same workspace, so one is always chosen.
        Workspace ??= Workspaces.FirstOrDefault();
        var rows = await db.Topics.AsNoTracking().Select(t => new Row(
                t.WorkspaceId,
                db.Workspaces.Where(w => w.Id == t.WorkspaceId).Select(w => w.Name).First(),
                t.Name, t.Query,
                db.Teams.Where(team => team.Id == t.TeamId).Select(team => team.Name).FirstOrDefault(),
                db.TopicMatches.Count(m => m.TopicId == t.Id)))
            .ToListAsync(cancellationToken);
        var limits = await XRuleReport.LimitsByWorkspaceAsync(db, cancellationToken);
        rows = rows.Select(r => r with { XRule = XRuleTranslator.Translate(r.Query, limits.GetValueOrDefault(r.WorkspaceId)) }).ToList();
        Topics = rows.OrderBy(t => t.Workspace, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
    }
}
