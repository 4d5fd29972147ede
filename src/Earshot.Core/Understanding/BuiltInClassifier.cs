using Earshot.Core.Understanding.Aspects;
using Earshot.Core.Understanding.Intent;
using Earshot.Core.Understanding.Language;
using Earshot.Core.Understanding.Sentiment;
using Earshot.Core.Understanding.Severity;
using Earshot.Core.Understanding.Text;

namespace Earshot.Core.Understanding;

/// <summary>
/// The zero-shot model that ships with Earshot: a valence lexicon with social-text rules plus hand-written
/// customer-care patterns. Needs no training. Thread-safe: create one and share it.
/// </summary>
public sealed class BuiltInClassifier : IPostClassifier
{
    /// <summary>Bump when the lexicon, patterns or rules change, so stored labels can be traced.</summary>
    public const string Version = "builtin-1.0";

    // Customers writing to a brand rarely say anything mildly negative unless something went wrong, so any net
    // negative evidence makes a post negative, while positive needs a clear margin over courtesy. The two values were
    // chosen by a sweep over all labelled sets at once (bench `understanding-sweep`); no word list was tuned that way.
    internal const double PositiveThreshold = 0.30;
    internal const double NegativeThreshold = 0.0;

    [ThreadStatic]
    private static Scratch? s_scratch;

    private readonly Lexicon.Lexicon _lexicon = Lexicon.Lexicon.Default;

    public string ModelVersion => Version;

    public PostLabels Classify(string text, string? languageHint = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = s_scratch ??= new Scratch();
        text = Tokenizer.Tokenize(text, _lexicon, s.Tokens);
        s.Scan.Run(s.Tokens);
        var explanation = new List<Contribution>(8);

        var language = LanguageDetector.Detect(text, s.Tokens, languageHint);
        // Only English has a lexicon; other languages get emoji and emoticons, never guessed English word scores.
        var score = SentimentScorer.Score(text, s.Tokens, s.Scan, lexical: language == "en", s.Items, explanation);
        var sentiment = Label(score);
        var severity = language == "en" ? SeverityCollector.Collect(text, s.Tokens, s.Scan, explanation) : [];
        var (intent, intentScores) = IntentScorer.Score(s.Tokens, s.Scan, score, severity.Count, s.Reasons, explanation);
        var aspects = language == "en" ? AspectExtractor.Extract(text, s.Tokens, s.Scan) : [];
        return new PostLabels(Math.Round(score, 4), sentiment, intent, intentScores, severity, aspects, language,
            new Explanation(explanation));
    }

    internal static string Label(double score) =>
        score >= PositiveThreshold ? Sentiments.Positive : score < NegativeThreshold ? Sentiments.Negative : Sentiments.Neutral;

    private sealed class Scratch
    {
        public TokenList Tokens { get; } = new();
        public PatternScan Scan { get; } = new();
        public List<SentimentScorer.Item> Items { get; } = new(16);
        public List<IntentScorer.Reason> Reasons { get; } = new(8);
    }
}
