using System.Globalization;
using Earshot.Core.Understanding.Evaluation;
using Earshot.Core.Understanding.Learning;
using Earshot.Engine.Learning;

namespace Earshot.Cli;

/// <summary>`earshot eval --model trained`: cross-validated on the file (`--cv K`), or the promoted model from the database.</summary>
internal static class TrainedEvaluation
{
    public sealed record Outcome(string? Title, ClassificationReport? Report, string? Error);

    public static async Task<Outcome> RunAsync(IReadOnlyList<(string Text, string Expected)> rows, string task, int? folds, string? db, CancellationToken cancellationToken)
    {
        var examples = rows.Select(r => new LabelledText(r.Text, r.Expected)).ToList();
        if (folds is { } k)
        {
            var (pooled, accuracies) = ModelEvaluation.CrossValidate(examples, k,
                onFold: fold => Console.Error.WriteLine($"fold {fold}/{k} done"));
            var perFold = string.Join(", ", accuracies.Select(a => a.ToString("0.000", CultureInfo.InvariantCulture)));
            return new Outcome($"trained model, {k}-fold cross-validation (fold accuracy {perFold})", pooled, null);
        }
        // The promoted model predicts sentiment, or intent (complaint vs the rest for the complaint task).
        var modelTask = task == EvaluationTasks.Sentiment ? LearningTasks.Sentiment : LearningTasks.Intent;
        var target = DatabaseTarget.Parse(db);
        await using var context = target.CreateContext();
        var active = await ModelRegistry.ActiveAsync(context, modelTask, cancellationToken);
        if (active is null)
            return new Outcome(null, null, $"no trained {modelTask} model is promoted in this database; run `earshot train --task {modelTask}` or use --cv");
        TextModel model;
        try
        {
            model = TextModel.Load(active.Content);
        }
        catch (InvalidDataException error)
        {
            return new Outcome(null, null, $"the promoted {modelTask} model v{active.Version} cannot be used: {error.Message}");
        }
        var report = ClassificationReport.Compute(examples.Select(e =>
        {
            var predicted = model.Predict(e.Text);
            return (e.Label, task == EvaluationTasks.Sentiment ? predicted : predicted == Core.Understanding.Intents.Complaint ? EvaluationTasks.Complaint : EvaluationTasks.Other);
        }));
        return new Outcome($"trained {modelTask} model v{active.Version}", report, null);
    }
}
