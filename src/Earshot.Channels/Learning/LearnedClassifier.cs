using Earshot.Core.Understanding;
using Earshot.Core.Understanding.Learning;

namespace Earshot.Channels.Learning;

/// <summary>
/// The classifier the pipeline uses: the built-in model for everything, with sentiment and intent taken from the
/// promoted trained model of each task when there is one (there is none while too few posts are labelled).
/// Severity, aspects, language and the explanation stay the built-in model's.
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
        var notes = new List<Contribution>();
        if (models.For(LearningTasks.Sentiment) is { } sentiment)
        {
            var label = sentiment.Model.Predict(text, labels.SentimentScore);
            notes.Add(new Contribution("model", $"trained sentiment v{sentiment.Version}", 0, $"sentiment {label}; built-in said {labels.Sentiment}"));
            labels = labels with { Sentiment = label };
        }
        if (models.For(LearningTasks.Intent) is { } intent)
        {
            var label = intent.Model.Predict(text, labels.SentimentScore);
            notes.Add(new Contribution("model", $"trained intent v{intent.Version}", 0, $"intent {label}; built-in said {labels.Intent}"));
            labels = labels with { Intent = label };
        }
        return notes.Count == 0 ? labels : labels with { Explanation = new Explanation([.. labels.Explanation.Contributions, .. notes]) };
    }
}
