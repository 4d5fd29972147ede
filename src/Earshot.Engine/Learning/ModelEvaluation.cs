using Earshot.Core.Understanding.Evaluation;

namespace Earshot.Engine.Learning;

/// <summary>Held-back and cross-validated evaluation of <see cref="TextModel"/>: deterministic shuffles, no peeking.</summary>
public static class ModelEvaluation
{
    /// <summary>Shuffles with the seed and keeps the last <paramref name="testShare"/> for testing.</summary>
    public static (List<LabelledText> Train, List<LabelledText> Test) Split(IReadOnlyList<LabelledText> examples, double testShare = 0.2, int seed = 1)
    {
        var shuffled = Shuffle(examples, seed);
        var testCount = Math.Max(1, (int)Math.Round(shuffled.Count * testShare));
        return (shuffled.Take(shuffled.Count - testCount).ToList(), shuffled.Skip(shuffled.Count - testCount).ToList());
    }

    public static ClassificationReport Evaluate(Func<string, string> predict, IEnumerable<LabelledText> test) =>
        ClassificationReport.Compute(test.Select(t => (t.Label, predict(t.Text))));

    /// <summary>
    /// K-fold cross-validation: each fold is predicted by a model trained on the other folds only. Returns the report
    /// over all predictions pooled, and each fold's accuracy.
    /// </summary>
    public static (ClassificationReport Pooled, IReadOnlyList<double> FoldAccuracy) CrossValidate(
        IReadOnlyList<LabelledText> examples, int folds, int seed = 1, Action<int>? onFold = null)
    {
        if (folds < 2 || folds > examples.Count)
            throw new ArgumentOutOfRangeException(nameof(folds), "between 2 and the number of examples");
        var shuffled = Shuffle(examples, seed);
        var pairs = new List<(string, string)>(shuffled.Count);
        var accuracies = new List<double>(folds);
        for (var fold = 0; fold < folds; fold++)
        {
            var test = shuffled.Where((_, i) => i % folds == fold).ToList();
            var model = TextModel.Train(shuffled.Where((_, i) => i % folds != fold).ToList(), seed);
            var predicted = test.Select(t => (t.Label, model.Predict(t.Text))).ToList();
            pairs.AddRange(predicted);
            accuracies.Add(predicted.Count(p => p.Label == p.Item2) / (double)predicted.Count);
            onFold?.Invoke(fold + 1);
        }
        return (ClassificationReport.Compute(pairs), accuracies);
    }

    private static List<LabelledText> Shuffle(IReadOnlyList<LabelledText> examples, int seed)
    {
        var list = examples.ToList();
        var random = new Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
