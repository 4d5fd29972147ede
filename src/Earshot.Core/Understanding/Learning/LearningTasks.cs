namespace Earshot.Core.Understanding.Learning;

/// <summary>What agents label and the trained model learns: sentiment and intent, with their allowed labels.</summary>
public static class LearningTasks
{
    public const string Sentiment = "sentiment";
    public const string Intent = "intent";

    public static IReadOnlyList<string> All { get; } = [Sentiment, Intent];

    public static IReadOnlyList<string> LabelsOf(string task) => task switch
    {
        Sentiment => [Sentiments.Negative, Sentiments.Neutral, Sentiments.Positive],
        Intent => Intents.All,
        _ => [],
    };

    public static bool IsValid(string task, string label) => LabelsOf(task).Contains(label, StringComparer.Ordinal);
}
