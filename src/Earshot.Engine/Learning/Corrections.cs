using Earshot.Core.Understanding;
using Earshot.Core.Understanding.Learning;

namespace Earshot.Engine.Learning;

/// <summary>
/// Agents' corrections of sentiment and intent: stored as labelled examples (append-only, the latest per post and
/// task wins) and applied to the post's stored labels, so every page and filter shows the corrected label.
/// </summary>
public static class Corrections
{
    /// <summary>The latest label per task for each post: post id → task → (label, who, when).</summary>
    public static async Task<Dictionary<Guid, Dictionary<string, LabelledExample>>> LatestAsync(
        EarshotDbContext db, IReadOnlyCollection<Guid> postIds, CancellationToken cancellationToken)
    {
        var rows = await db.LabelledExamples.AsNoTracking().Where(e => postIds.Contains(e.PostId)).ToListAsync(cancellationToken);
        return rows.GroupBy(e => e.PostId).ToDictionary(g => g.Key, g => g.GroupBy(e => e.Task)
            .ToDictionary(t => t.Key, t => t.OrderBy(e => e.At).ThenBy(e => e.Id).Last(), StringComparer.Ordinal));
    }

    public static void Apply(Classification row, IReadOnlyDictionary<string, LabelledExample> latest)
    {
        if (latest.TryGetValue(LearningTasks.Sentiment, out var sentiment))
            row.Sentiment = sentiment.Label;
        if (latest.TryGetValue(LearningTasks.Intent, out var intent))
            row.Intent = intent.Label;
    }

    /// <summary>
    /// Records an agent's labels for a post and applies them to its stored labels. Labels are validated by the caller
    /// (<see cref="LearningTasks.IsValid"/>).
    /// </summary>
    public static async Task RecordAsync(EarshotDbContext db, Guid postId, Guid? userId, string? sentiment, string? intent, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var (task, label) in new[] { (LearningTasks.Sentiment, sentiment), (LearningTasks.Intent, intent) })
        {
            if (label is not null)
                db.LabelledExamples.Add(new LabelledExample { PostId = postId, Task = task, Label = label, UserId = userId, At = now });
        }
        var stored = await db.Classifications.FirstOrDefaultAsync(c => c.PostId == postId, cancellationToken);
        if (stored is not null)
        {
            stored.Sentiment = sentiment ?? stored.Sentiment;
            stored.Intent = intent ?? stored.Intent;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A post's corrections, newest first, for the post page and API.</summary>
    public sealed record View(string Task, string Label, string? By, DateTime At);

    public static async Task<List<View>> HistoryAsync(EarshotDbContext db, Guid postId, CancellationToken cancellationToken) =>
        await db.LabelledExamples.AsNoTracking().Where(e => e.PostId == postId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new View(e.Task, e.Label, db.Users.Where(u => u.Id == e.UserId).Select(u => u.DisplayName).FirstOrDefault(), e.At))
            .ToListAsync(cancellationToken);
}
