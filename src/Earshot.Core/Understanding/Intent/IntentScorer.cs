using System.Globalization;
using Earshot.Core.Understanding.Lexicon;
using Earshot.Core.Understanding.Text;

namespace Earshot.Core.Understanding.Intent;

/// <summary>
/// Scores the six intents from sentiment, service-failure and severity cues, question form, and intent phrases
/// ("you should", "click here"); the scores are a softmax, the primary intent the highest.
/// </summary>
internal static class IntentScorer
{
    private const double FyiBase = 0.6;

    public static (string Primary, IReadOnlyDictionary<string, double> Scores) Score(
        string text, TokenList tokens, PatternScan scan, double sentiment, int severityCues, List<Contribution> explanation)
    {
        var raw = new double[6];
        var reasons = new List<(int Intent, string Source, double Weight)>(6);
        void Add(int intent, string source, double weight)
        {
            raw[intent] += weight;
            reasons.Add((intent, source, weight));
        }

        if (sentiment < 0)
            Add(0, "rule: negative sentiment", -sentiment * 3);
        if (sentiment > 0)
            Add(2, "rule: positive sentiment", sentiment * 3);
        if (scan.ServiceFailure)
            Add(0, "rule: service failure", 1);
        if (severityCues > 0)
            Add(0, "rule: severity cues", 0.5 * severityCues);
        if (tokens.Questions > 0)
            Add(1, "rule: question mark", 1.2);
        if (StartsWithQuestionWord(tokens))
            Add(1, "rule: starts with a question word", 0.6);

        var urls = 0;
        var hashtags = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Url)
                urls++;
            else if (tokens[i].Kind == TokenKind.Hashtag)
                hashtags++;
        }
        if (urls >= 2)
            Add(5, "rule: several links", 0.6);
        if (hashtags >= 4)
            Add(5, "rule: many hashtags", 0.8);
        foreach (var hit in scan.Cues)
        {
            if (hit.Pattern.Kind != PatternKind.Intent)
                continue;
            var index = IndexOf(hit.Pattern.Tag);
            Add(index, "'" + hit.Pattern.Text + "'", hit.Pattern.Value * (index is 3 or 5 ? 1.5 : 1));
        }
        raw[4] += FyiBase;

        var max = double.MinValue;
        foreach (var r in raw)
            max = Math.Max(max, r);
        var total = 0.0;
        Span<double> exp = stackalloc double[6];
        for (var i = 0; i < 6; i++)
        {
            exp[i] = Math.Exp(raw[i] - max);
            total += exp[i];
        }
        var scores = new Dictionary<string, double>(6, StringComparer.Ordinal);
        var primary = 4;
        for (var i = 0; i < 6; i++)
        {
            scores[Intents.All[i]] = Math.Round(exp[i] / total, 4);
            if (raw[i] > raw[primary])
                primary = i;
        }
        foreach (var (intent, source, weight) in reasons)
        {
            if (intent == primary)
                explanation.Add(new Contribution("intent:" + Intents.All[intent], source, Math.Round(weight, 3)));
        }
        if (primary == 4)
            explanation.Add(new Contribution("intent:fyi", "rule: no stronger intent", FyiBase));
        return (Intents.All[primary], scores);
    }

    private static int IndexOf(string tag)
    {
        for (var i = 0; i < Intents.All.Count; i++)
        {
            if (Intents.All[i] == tag)
                return i;
        }
        throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, "Unknown intent '{0}' in care-patterns.tsv.", tag));
    }

    private static bool StartsWithQuestionWord(TokenList tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            ref var t = ref tokens[i];
            if (t.Kind is TokenKind.Mention or TokenKind.Url)
                continue;
            return t.Entry is { } e && e.Has(WordFlags.QuestionWord);
        }
        return false;
    }
}
