using System.Text.Json;
using Earshot.Core.Understanding.Learning;
using Earshot.Core.Workspaces;
using Earshot.Engine.Learning;
using Earshot.Posts;

namespace Earshot.Ui.Posts;

public sealed class PostModel(EarshotDbContext db, Access.AccessScope scope, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public PostDetail Detail { get; private set; } = null!;

    /// <summary>Agents' corrections of this post's labels, newest first.</summary>
    public IReadOnlyList<Corrections.View> LabelHistory { get; private set; } = [];

    /// <summary>Agents, leads and admins may correct labels in one click; analysts only read.</summary>
    public bool CanCorrect => Roles.CanWorkCases(scope.Role);

    public string RawJson => JsonSerializer.Serialize(Detail.RawPayload, Indented);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>One click: a button carries the task and the label (sentiment=negative, intent=complaint…).</summary>
    [HandlerPolicy(AccessServices.WorkCases)]
    public async Task<IActionResult> OnPostLabelAsync(Guid id, string? sentiment, string? intent, CancellationToken cancellationToken)
    {
        if (!await VisibleAsync(id, cancellationToken))
            return NotFound();
        if ((sentiment is null && intent is null)
            || (sentiment is not null && !LearningTasks.IsValid(LearningTasks.Sentiment, sentiment))
            || (intent is not null && !LearningTasks.IsValid(LearningTasks.Intent, intent)))
            return BadRequest();
        await Corrections.RecordAsync(db, id, scope.UserId, sentiment, intent, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return Redirect($"/posts/{id}#labels-heading");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var detail = await VisibleAsync(id, cancellationToken) ? await PostDetail.LoadAsync(db, id, cancellationToken) : null;
        if (detail is null)
            return false;
        Detail = detail;
        LabelHistory = await Corrections.HistoryAsync(db, id, cancellationToken);
        return true;
    }

    private async Task<bool> VisibleAsync(Guid id, CancellationToken cancellationToken)
    {
        var owner = await db.Posts.Where(p => p.Id == id).Select(p => (Guid?)p.WorkspaceId).FirstOrDefaultAsync(cancellationToken);
        return owner is { } workspaceId && await scope.AllowsAsync(workspaceId, cancellationToken);
    }
}
