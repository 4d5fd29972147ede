using Earshot.Core.Understanding;

namespace Earshot.Core.Understanding.Evaluation;

/// <summary>
/// The tasks `earshot eval` scores: how a model's labels map to the task's classes, and how common spellings of
/// expected labels in public data sets map to ours.
/// </summary>
public static class EvaluationTasks
{
    public const string Sentiment = "sentiment";
    public const string Complaint = "complaint";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Sentiment, Complaint];

    /// <summary>The class the model predicts for <paramref name="task"/>: a sentiment label, or complaint / other.</summary>
    public static string Predict(string task, PostLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return task switch
        {
            Sentiment => labels.Sentiment,
            Complaint => labels.Intent == Intents.Complaint ? Complaint : Other,
            _ => throw new ArgumentException($"Unknown task '{task}'; expected sentiment or complaint.", nameof(task)),
        };
    }

    /// <summary>
    /// Maps an expected label to the task's classes: "neg"/"0" → negative, "neu"/"2" → neutral, "pos"/"4" → positive
    /// (Sentiment140 polarity); "1"/"yes"/"true" → complaint. Returns null for a label it cannot read.
    /// </summary>
    public static string? NormaliseExpected(string task, string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var label = raw.Trim().ToLowerInvariant();
        return task switch
        {
            Sentiment => label switch
            {
                "negative" or "neg" or "0" or "-1" => Sentiments.Negative,
                "neutral" or "neu" or "2" => Sentiments.Neutral,
                "positive" or "pos" or "4" or "1" => Sentiments.Positive,
                _ => null,
            },
            Complaint => label switch
            {
                "complaint" or "1" or "yes" or "true" => Complaint,
                "other" or "not complaint" or "non-complaint" or "0" or "no" or "false" => Other,
                _ => null,
            },
            _ => throw new ArgumentException($"Unknown task '{task}'; expected sentiment or complaint.", nameof(task)),
        };
    }
}
