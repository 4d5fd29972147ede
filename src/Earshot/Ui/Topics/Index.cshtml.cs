using Earshot.Connectors.X;
using Earshot.Core.Access;
using Earshot.Core.Topics;
using Earshot.Core.Topics.Query;
using Earshot.Engine.Audit;
using Earshot.Engine.Topics;
using Earshot.Engine.Workspaces;
using Earshot.Core.Insights;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Topics;

/// <summary>
/// Topics: what each workspace listens for, and an editor that tests a query on stored posts as you type. A lead
/// changes a topic from its row (`?edit=id`); saving under a name another topic has never overwrites it without
/// asking: a new topic asks to replace that one, a rename offers to edit that one instead.
/// </summary>
public sealed class IndexModel(
    EarshotDbContext db, Access.WorkspaceResolver resolver, TopicIndex index, TimeProvider clock, AuditLog audit, AccessScope scope,
    IStringLocalizer<TopicsStrings> strings) : PageModel
{
    public sealed record Row(Guid Id, Guid WorkspaceId, string Workspace, string Name, string Query, string? Team, int Matches, TopicKind Kind)
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
    /// <summary>The kind's wire name, as the API takes it; none keeps a topic's kind and makes a new one "other".</summary>
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public int BackfillDays { get; set; } = 7;
    /// <summary>The topic being changed; none when adding one.</summary>
    [BindProperty] public Guid? Id { get; set; }
    /// <summary>The lead answered "replace it" to the question about a name that exists.</summary>
    [BindProperty] public bool Replace { get; set; }

    public string? Saved { get; private set; }

    /// <summary>Another topic already has the name given; the page asks what to do instead of saving.</summary>
    public Row? NameTaken { get; private set; }

    public string? Editing { get; private set; }

    public bool CanManage => Core.Workspaces.Roles.CanManage(scope.Role);

    // Without values a string is returned as written: a "{0}" in it is filled in by the page's script.
    public string Text(string key, params object[] values) => values.Length == 0 ? strings[key] : strings[key, values];

    /// <summary>The kind in the reader's language ("Wettbewerber").</summary>
    public string KindText(TopicKind kind) => strings["Kind" + kind];

    public async Task OnGetAsync(Guid? edit, CancellationToken cancellationToken)
    {
        if (edit is { } id && CanManage && await db.Topics.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) is { } topic)
        {
            Id = topic.Id;
            Name = topic.Name;
            Query = topic.Query;
            Kind = topic.Kind.WireName();
            Team = await db.Teams.Where(t => t.Id == topic.TeamId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
            Workspace = await db.Workspaces.Where(w => w.Id == topic.WorkspaceId).Select(w => w.Name).FirstAsync(cancellationToken);
            BackfillDays = 0;
        }
        await LoadAsync(cancellationToken);
    }

    [HandlerPolicy(AccessServices.Manage)]
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Name))
            ModelState.AddModelError(nameof(Name), strings["NameRequired"]);
        if (string.IsNullOrWhiteSpace(Query))
            ModelState.AddModelError(nameof(Query), strings["QueryRequired"]);
        else if (QueryParser.Parse(Query).Error is { } error)
            ModelState.AddModelError(nameof(Query), strings["QueryError", PhraseStrings.Say(error.Said), error.Column]);
        if (BackfillDays is < 0 or > 3650)
            ModelState.AddModelError(nameof(BackfillDays), strings["BackfillRange"]);
        TopicKind? kind = null;
        if (!string.IsNullOrEmpty(Kind))
        {
            if (TopicKinds.TryParse(Kind, out var parsed))
                kind = parsed;
            else
                ModelState.AddModelError(nameof(Kind), strings["KindUnknown"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var (resolved, missing) = await resolver.ResolveAsync(Workspace, cancellationToken);
        if (resolved is not { } workspaceId)
        {
            ModelState.AddModelError(nameof(Workspace), PhraseStrings.Say(missing!));
            await LoadAsync(cancellationToken);
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var name = Name!.Trim();
        var other = await db.Topics.AsNoTracking().FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Name == name && t.Id != Id, cancellationToken);
        Core.Topics.Topic topic;
        if (Id is { } id)
        {
            // Tenancy: another workspace's topic is not found, as on the API.
            var existing = await db.Topics.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
            if (existing is null)
                return NotFound();
            if (other is not null || existing.WorkspaceId != workspaceId)
                return await AskAsync(other, cancellationToken);
            var before = existing.Name;
            await TopicStore.UpdateAsync(db, existing, name, Query!, Team ?? "", cancellationToken, kind: kind, now: now);
            topic = existing;
            await audit.WriteAsync(AuditKinds.TopicSaved, AuditActor.User(scope.UserId), workspaceId,
                new { topic = topic.Name, topic_id = topic.Id, query = topic.Query, kind = topic.Kind.WireName(), team = Team, created = false, renamed_from = before == topic.Name ? null : before }, cancellationToken);
        }
        else
        {
            if (other is not null && !Replace)
                return await AskAsync(other, cancellationToken);
            var saved = await TopicStore.SaveAsync(db, workspaceId, name, Query!, Team, now, cancellationToken, kind: kind);
            topic = saved.Topic;
            await audit.WriteAsync(AuditKinds.TopicSaved, AuditActor.User(scope.UserId), workspaceId,
                new { topic = topic.Name, topic_id = topic.Id, query = topic.Query, kind = topic.Kind.WireName(), team = Team, saved.Created, replaced = !saved.Created }, cancellationToken);
        }
        await index.ApplyAsync(topic.Id, workspaceId, topic.Query, cancellationToken);
        var backfilled = BackfillDays > 0 ? await TopicTester.BackfillAsync(db, topic.Id, now.AddDays(-BackfillDays), now, cancellationToken) : 0;
        TempData["Saved"] = BackfillDays > 0 ? Text("SavedBackfilled", topic.Name, backfilled, BackfillDays) : Text("Saved", topic.Name);
        return RedirectToPage();
    }

    private async Task<IActionResult> AskAsync(Core.Topics.Topic? other, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        NameTaken = other is null ? null : Topics.FirstOrDefault(t => t.Id == other.Id);
        if (NameTaken is null)
            ModelState.AddModelError(nameof(Workspace), strings["MoveRefused"]);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Saved = TempData["Saved"] as string;
        Workspaces = await db.Workspaces.AsNoTracking().OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(cancellationToken);
        // The tester and the save must speak of the same workspace, so one is always chosen.
        Workspace ??= Workspaces.FirstOrDefault();
        if (Id is { } editing)
            Editing = await db.Topics.Where(t => t.Id == editing).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        var rows = await db.Topics.AsNoTracking().Select(t => new Row(
                t.Id, t.WorkspaceId,
                db.Workspaces.Where(w => w.Id == t.WorkspaceId).Select(w => w.Name).First(),
                t.Name, t.Query,
                db.Teams.Where(team => team.Id == t.TeamId).Select(team => team.Name).FirstOrDefault(),
                db.TopicMatches.Count(m => m.TopicId == t.Id),
                t.Kind))
            .ToListAsync(cancellationToken);
        var limits = await XRuleReport.LimitsByWorkspaceAsync(db, cancellationToken);
        rows = rows.Select(r => r with { XRule = XRuleTranslator.Translate(r.Query, limits.GetValueOrDefault(r.WorkspaceId)) }).ToList();
        Topics = rows.OrderBy(t => t.Workspace, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        Recounting = (await db.RollupRebuilds.AsNoTracking()
                .Where(r => r.TopicId != null && (r.Status == RollupRebuildStatuses.Pending || r.Status == RollupRebuildStatuses.Running))
                .Select(r => new { TopicId = r.TopicId!.Value, r.Done, r.Total }).ToListAsync(cancellationToken))
            .GroupBy(r => r.TopicId).ToDictionary(g => g.Key, g => g.Max(r => r.Total == 0 ? 0 : r.Done * 100 / r.Total));
    }

    /// <summary>Topics whose stored posts are being matched again for the insight pages, with the percentage done.</summary>
    public IReadOnlyDictionary<Guid, int> Recounting { get; private set; } = new Dictionary<Guid, int>();
}
