using System.Globalization;
using System.Text;

namespace Earshot.Core.Understanding;

/// <summary>What the understanding model says about one post.</summary>
/// <param name="SentimentScore">In [-1, 1]; 0 when nothing carried sentiment.</param>
/// <param name="Sentiment">"negative", "neutral" or "positive".</param>
/// <param name="Intent">The primary intent: one of <see cref="Intents.All"/>.</param>
/// <param name="IntentScores">Every intent's score; the scores sum to 1.</param>
/// <param name="Severity">Cues that make a post urgent, each with the words that raised it.</param>
/// <param name="Aspects">What the post is about, as normalised noun phrases ("seat", "customer service").</param>
/// <param name="Language">ISO 639-1 code, or "unknown" when no model covers the language.</param>
/// <param name="Explanation">The tokens and rules behind each label.</param>
public sealed record PostLabels(
    double SentimentScore,
    string Sentiment,
    string Intent,
    IReadOnlyDictionary<string, double> IntentScores,
    IReadOnlyList<SeverityCue> Severity,
    IReadOnlyList<string> Aspects,
    string Language,
    Explanation Explanation);

/// <summary>A severity cue ("outage", "billing", ...) and the words in the post that raised it.</summary>
/// <param name="Competitor">For "churn": the competitor the author names, if any.</param>
public sealed record SeverityCue(string Cue, IReadOnlyList<string> Words, string? Competitor = null);

/// <summary>One reason behind a label: the token or rule, and how much it weighed.</summary>
/// <param name="Label">The label it supports: "sentiment", "intent:complaint", "severity:billing", ...</param>
/// <param name="Source">The token, phrase or rule ("'still waiting'", "rule: question mark").</param>
/// <param name="Weight">Signed weight; for sentiment the weights add up to the score.</param>
/// <param name="Note">Why the weight was changed, if it was ("negated", "sarcasm cue ignored").</param>
public sealed record Contribution(string Label, string Source, double Weight, string? Note = null);

/// <summary>The reasons behind a post's labels, renderable as a sentence for agents.</summary>
public sealed record Explanation(IReadOnlyList<Contribution> Contributions)
{
    public static readonly Explanation Empty = new([]);

    /// <summary>"negative because: 'still waiting' −0.60, 'worst' −0.50, 'thanks' +0.20 (sarcasm cue ignored)".</summary>
    public string Render(string sentiment)
    {
        var parts = Contributions.Where(c => c.Label == "sentiment").ToList();
        if (parts.Count == 0)
            return sentiment + " because: no sentiment-bearing words";
        var text = new StringBuilder(sentiment).Append(" because: ");
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
                text.Append(", ");
            var weight = parts[i].Weight;
            // A real minus sign reads better than a hyphen in the UI.
            text.Append(parts[i].Source).Append(' ')
                .Append(weight < 0 ? "\u2212" : "+")
                .Append(Math.Abs(weight).ToString("0.00", CultureInfo.InvariantCulture));
            if (parts[i].Note is { } note)
                text.Append(" (").Append(note).Append(')');
        }
        return text.ToString();
    }
}

/// <summary>The intent labels, in the order used for ties.</summary>
public static class Intents
{
    public const string Complaint = "complaint";
    public const string Question = "question";
    public const string Praise = "praise";
    public const string Suggestion = "suggestion";
    public const string Fyi = "fyi";
    public const string Spam = "spam";

    public static readonly IReadOnlyList<string> All = [Complaint, Question, Praise, Suggestion, Fyi, Spam];
}

/// <summary>The sentiment labels.</summary>
public static class Sentiments
{
    public const string Negative = "negative";
    public const string Neutral = "neutral";
    public const string Positive = "positive";
}
