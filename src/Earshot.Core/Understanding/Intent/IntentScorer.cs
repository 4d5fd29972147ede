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
    private static readonly string[] Labels = Intents.All.Select(i => "intent:" + i).ToArray();

    internal readonly record struct Reason(int Intent, string Source, double Weight);

    public static (string Primary, IReadOnlyDictionary<string, double> Scores) Score(
        TokenList tokens, PatternScan scan, double sentiment, int severityCues, List<Reason> reasons, List<Contribution> explanation)
    {
        reasons.Clear();
        Span<double> raw = stackalloc double[6];
        void Add(int intent, string source, double weight, Span<double> raw)
        {
            raw[intent] += weight;
            reasons.Add(new Reason(intent, source, weight));
        }

        if (sentiment < 0)
            Add(0, "rule: negative sentiment", -sentiment * 3, raw);
        if (sentiment > 0)
            Add(2, "rule: positive sentiment", sentiment * 3, raw);
        if (scan.ServiceFailure)
            Add(0, "rule: service failure", 1, raw);
        if (severityCues > 0)
            Add(0, "rule: severity cues", 0.5 * severityCues, raw);
        if (tokens.Questions > 0)
            Add(1, "rule: question mark", 1.2, raw);
        if (StartsWithQuestionWord(tokens))
            Add(1, "rule: starts with a question word", 0.6, raw);

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
            Add(5, "rule: several links", 0.6, raw);
        if (hashtags >= 4)
            Add(5, "rule: many hashtags", 0.8, raw);
        foreach (var hit in scan.Cues)
        {
            if (hit.Pattern.Kind != PatternKind.Intent)
                continue;
            var index = IndexOf(hit.Pattern.Tag);
            Add(index, hit.Pattern.Quoted, hit.Pattern.Value * (index is 3 or 5 ? 1.5 : 1), raw);
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
        var scores = new double[6];
        var primary = 4;
        for (var i = 0; i < 6; i++)
        {
            scores[i] = Math.Round(exp[i] / total, 4);
            if (raw[i] > raw[primary])
                primary = i;
        }
        foreach (var (intent, source, weight) in reasons)
        {
            if (intent == primary)
                explanation.Add(new Contribution(Labels[intent], source, Math.Round(weight, 3)));
        }
        if (primary == 4)
            explanation.Add(new Contribution("intent:fyi", "rule: no stronger intent", FyiBase));
        return (Intents.All[primary], new IntentScoreMap(scores));
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
