using Earshot.Core.Understanding.Learning;
using Earshot.Engine.Learning;
using Microsoft.AspNetCore.Authorization;

namespace Earshot.Ui.TrainedModels;

/// <summary>
/// The understanding models: how many posts agents labelled per task, every trained version with its held-back
/// score and what it had to beat, rollback, and the progress of re-classifying stored posts after a change.
/// </summary>
[Authorize(Policy = AccessServices.Manage)]
public sealed class IndexModel(EarshotDbContext db, LearningOptions options, ActiveModels active, TimeProvider clock) : PageModel
{
    public IReadOnlyDictionary<string, (int Version, string Reason)> Unloadable => active.Unloadable;
    public IReadOnlyList<TrainedModel> Models { get; private set; } = [];
    public IReadOnlyDictionary<string, int> LabelledPosts { get; private set; } = new Dictionary<string, int>();
    public ReclassifyJob? Job { get; private set; }
    public int MinimumLabels => options.MinimumLabels;
    public bool Busy => Job?.Status is ReclassifyStatuses.Pending or ReclassifyStatuses.Running;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // The bytes are not needed here: select the columns the page shows.
        Models = await db.TrainedModels.AsNoTracking().OrderByDescending(m => m.Version)
            .Select(m => new TrainedModel
            {
                Version = m.Version, Task = m.Task, CreatedAt = m.CreatedAt, Source = m.Source, TrainCount = m.TrainCount, TestCount = m.TestCount,
                Accuracy = m.Accuracy, MacroF1 = m.MacroF1, BaselineAccuracy = m.BaselineAccuracy, Baseline = m.Baseline, IsActive = m.IsActive, Content = Array.Empty<byte>(),
            }).ToListAsync(cancellationToken);
        var counts = await db.LabelledExamples.GroupBy(e => e.Task)
            .Select(g => new { Task = g.Key, Posts = g.Select(e => e.PostId).Distinct().Count() }).ToListAsync(cancellationToken);
        LabelledPosts = LearningTasks.All.ToDictionary(t => t, t => counts.FirstOrDefault(c => c.Task == t)?.Posts ?? 0);
        Job = await db.ReclassifyJobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRollbackAsync(int version, CancellationToken cancellationToken)
    {
        if (await ModelRegistry.RollbackAsync(db, version, clock.GetUtcNow().UtcDateTime, cancellationToken) is { } error)
            return BadRequest(error);
        return Redirect("/models");
    }
}
