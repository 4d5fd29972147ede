using Earshot.Core.Understanding;
using Earshot.Core.Understanding.Learning;

namespace Earshot.Engine.Learning;

/// <summary>
/// The classifier the pipeline uses: the built-in model for everything, with sentiment and intent taken from the
/// promoted trained model of each task when there is one (there is none while too few posts are labelled).
/// Severity, aspects and language stay the built-in model's. A trained label is explained by the trained model: the
/// words that pushed it over the runner-up label (its sentiment reasons become the post's "sentiment because …").
/// </summary>
public sealed class LearnedClassifier(ActiveModels models) : IPostClassifier
{
    private readonly BuiltInClassifier _builtIn = new();

    public string ModelVersion
    {
        get
        {
            var parts = LearningTasks.All.Select(t => models.For(t) is { } m ? $"+{t}-v{m.Version}" : "");
            return _builtIn.ModelVersion + string.Concat(parts);
        }
    }

    public PostLabels Classify(string text, string? languageHint = null)
    {
        var labels = _builtIn.Classify(text, languageHint);
        var contributions = labels.Explanation.Contributions;
        if (models.For(LearningTasks.Sentiment) is { } sentiment)
        {
            var (label, runnerUp, reasons) = sentiment.Model.PredictExplained(text, labels.SentimentScore, "sentiment");
            // The trained model's reasons become the sentiment explanation; the built-in model's stay, renamed.
            contributions =
            [
                .. contributions.Select(c => c.Label == "sentiment" ? c with { Label = "builtin:sentiment" } : c),
                new Contribution("model", $"trained sentiment v{sentiment.Version}", 0, $"{label} rather than {runnerUp}; built-in said {labels.Sentiment}"),
                .. reasons,
            ];
            labels = labels with { Sentiment = label };
        }
        if (models.For(LearningTasks.Intent) is { } intent)
        {
            var (label, runnerUp, reasons) = intent.Model.PredictExplained(text, labels.SentimentScore, "trained:intent");
            contributions =
            [
                .. contributions,
                new Contribution("model", $"trained intent v{intent.Version}", 0, $"{label} rather than {runnerUp}; built-in said {labels.Intent}"),
                .. reasons,
            ];
            labels = labels with { Intent = label };
        }
        return ReferenceEquals(contributions, labels.Explanation.Contributions) ? labels : labels with { Explanation = new Explanation(contributions) };
    }
}
