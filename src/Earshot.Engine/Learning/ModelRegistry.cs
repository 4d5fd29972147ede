using Earshot.Core.Understanding;
using Earshot.Core.Understanding.Learning;

namespace Earshot.Engine.Learning;

/// <summary>What a training run did: the new version, its score, what it had to beat, and whether it was promoted.</summary>
public sealed record TrainOutcome(int? Version, double Accuracy, double MacroF1, double BaselineAccuracy, string Baseline, bool Promoted, string Message);

/// <summary>
/// Trains, versions, promotes and rolls back the trained models. A candidate is trained on 80% of the examples and
/// scored on the held-back 20%, as is the model it would replace (the active version, else the built-in model);
/// it is promoted only when it scores higher. Promotion and rollback queue a re-classification of stored posts.
/// </summary>
public static class ModelRegistry
{
    private static readonly BuiltInClassifier BuiltIn = new();

    public static Task<TrainedModel?> ActiveAsync(EarshotDbContext db, string task, CancellationToken cancellationToken) =>
        db.TrainedModels.AsNoTracking().Where(m => m.Task == task && m.IsActive).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Agents' labels for a task, the latest per post, with the post's current text.</summary>
    public static async Task<List<LabelledText>> LabelsAsync(EarshotDbContext db, string task, CancellationToken cancellationToken)
    {
        var rows = await db.LabelledExamples.AsNoTracking().Where(e => e.Task == task)
            .Join(db.Posts, e => e.PostId, p => p.Id, (e, p) => new { e.PostId, e.At, e.Id, e.Label, p.Text })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.PostId)
            .Select(g => g.OrderBy(r => r.At).ThenBy(r => r.Id).Last())
            .OrderBy(r => r.PostId)
            .Select(r => new LabelledText(r.Text, r.Label)).ToList();
    }

    public static async Task<TrainOutcome> TrainAsync(
        EarshotDbContext db, string task, IReadOnlyList<LabelledText> examples, string source, int minimumExamples, DateTime now, CancellationToken cancellationToken)
    {
        if (examples.Count < minimumExamples)
            return new TrainOutcome(null, 0, 0, 0, "", false,
                $"{examples.Count} labelled {task} examples; at least {minimumExamples} are needed, so the built-in model stays in use");
        if (examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count() < 2)
            return new TrainOutcome(null, 0, 0, 0, "", false, $"every {task} example has the same label; nothing to learn");

        var (train, test) = ModelEvaluation.Split(examples);
        var candidate = TextModel.Train(train);
        var score = ModelEvaluation.Evaluate(candidate.Predict, test);
        var active = await db.TrainedModels.Where(m => m.Task == task && m.IsActive).FirstOrDefaultAsync(cancellationToken);
        var (baseline, baselineName) = Loadable(active) is { } current
            ? (ModelEvaluation.Evaluate(current.Predict, test), $"trained v{active!.Version}")
            : (ModelEvaluation.Evaluate(text => BuiltInLabel(task, text), test), BuiltIn.ModelVersion);
        var promoted = score.Accuracy > baseline.Accuracy;

        var version = (await db.TrainedModels.MaxAsync(m => (int?)m.Version, cancellationToken) ?? 0) + 1;
        if (promoted && active is not null)
            active.IsActive = false;
        db.TrainedModels.Add(new TrainedModel
        {
            Version = version, Task = task, CreatedAt = now, Source = source, TrainCount = train.Count, TestCount = test.Count,
            Accuracy = score.Accuracy, MacroF1 = score.MacroF1, BaselineAccuracy = baseline.Accuracy, Baseline = baselineName,
            IsActive = promoted, Content = candidate.Save(),
        });
        if (promoted)
            QueueReclassification(db, $"{task} model v{version} promoted", now);
        await db.SaveChangesAsync(cancellationToken);
        var verdict = promoted ? "promoted" : "kept as a candidate (not better)";
        return new TrainOutcome(version, score.Accuracy, score.MacroF1, baseline.Accuracy, baselineName, promoted,
            $"{task} model v{version}: accuracy {score.Accuracy:0.000} on {test.Count} held-back examples vs {baseline.Accuracy:0.000} for {baselineName}; {verdict}");
    }

    /// <summary>Makes the version the active one for its task. Returns an error message, or null.</summary>
    public static async Task<string?> RollbackAsync(EarshotDbContext db, int version, DateTime now, CancellationToken cancellationToken)
    {
        var target = await db.TrainedModels.FirstOrDefaultAsync(m => m.Version == version, cancellationToken);
        if (target is null)
            return $"no model version {version}";
        if (target.IsActive)
            return null;
        await foreach (var other in db.TrainedModels.Where(m => m.Task == target.Task && m.IsActive).AsAsyncEnumerable().WithCancellation(cancellationToken))
            other.IsActive = false;
        target.IsActive = true;
        QueueReclassification(db, $"{target.Task} model rolled back to v{version}", now);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public static void QueueReclassification(EarshotDbContext db, string reason, DateTime now) =>
        db.ReclassifyJobs.Add(new ReclassifyJob { Reason = reason, Status = ReclassifyStatuses.Pending, CreatedAt = now });

    /// <summary>The active model, when this version of Earshot can load it; otherwise the candidate must beat the built-in model.</summary>
    private static TextModel? Loadable(TrainedModel? active)
    {
        try
        {
            return active is null ? null : TextModel.Load(active.Content);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static string BuiltInLabel(string task, string text)
    {
        var labels = BuiltIn.Classify(text);
        return task == LearningTasks.Sentiment ? labels.Sentiment : labels.Intent;
    }
}
