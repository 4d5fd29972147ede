using Earshot.Core.Understanding.Lexicon;
using Earshot.Core.Understanding.Text;

namespace Earshot.Core.Understanding.Sentiment;

/// <summary>
/// Lexicon sentiment with social-text rules: negation (to the end of the clause, at most three words back),
/// boosters and dampeners, contrast ("but": what follows counts more), all-caps and elongation emphasis,
/// exclamation marks, emoji and emoticons, and customer-care sarcasm ("great, another delay").
/// </summary>
internal static class SentimentScorer
{
    // Normalises a raw valence sum into (-1, 1); larger means it takes more evidence to approach the ends.
    private const double Alpha = 15;
    private const double NegationFactor = -0.6;
    private const double CapsFactor = 1.3;
    private const double ElongationFactor = 1.2;
    private const double BeforeContrast = 0.5;
    private const double AfterContrast = 1.5;
    private const double SarcasmFactor = 0.2;
    private const double CourtesyFactor = 0.3;
    // A single item this negative marks the post as a complaint, so praise words beside it are suspect.
    private const double StrongNegative = -2.0;
    private const double ExclamationBoost = 0.3;
    private const int NegationWindow = 3;
    // "It didn't arrive", "I can't find it": customers report what did not happen, so a negated action is a problem.
    private const double NegatedAction = -0.8;

    internal readonly record struct Item(int Token, string Source, double Raw, string? Note);

    /// <summary>Scores the tokens; appends one contribution per sentiment-bearing item. Returns the score in (-1, 1).</summary>
    public static double Score(string text, TokenList tokens, PatternScan scan, bool lexical, List<Item> items, List<Contribution> explanation)
    {
        items.Clear();
        var contrastAt = -1;
        var words = 0;
        var capsWords = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            ref var t = ref tokens[i];
            if (t.Kind is TokenKind.Word or TokenKind.Hashtag && t.Length >= 2)
            {
                words++;
                if (t.AllCaps)
                    capsWords++;
            }
            if (lexical && t.Entry is { } e && e.Has(WordFlags.Contrast))
                contrastAt = i;
        }
        // Emphasis by capitals only means something when the rest of the post is not shouted too.
        var capsMeaningful = capsWords > 0 && capsWords < words;

        for (var i = 0; i < tokens.Count; i++)
        {
            ref var t = ref tokens[i];
            if (scan.PhraseLength[i] < 0 || t.Entry is null)
                continue;
            var isLexical = t.Kind is TokenKind.Word or TokenKind.Hashtag;
            if (isLexical && !lexical)
                continue;
            var phrase = scan.Phrase[i];
            double raw;
            string source;
            if (phrase is not null)
            {
                raw = phrase.Value;
                source = phrase.Quoted;
            }
            else if (t.Entry.Has(WordFlags.Negator) && NextHasValence(tokens, scan, i))
            {
                continue; // "no problem": the negator works on the next word, it is not itself negative.
            }
            else if (t.Entry.Valence is { } v && v != 0)
            {
                raw = v;
                source = t.Entry.Quoted;
            }
            else if (t.Entry.Has(WordFlags.Negator) && isLexical)
            {
                raw = NegatedAction;
                source = t.Entry.Quoted;
                items.Add(new Item(i, source, contrastAt >= 0 ? raw * (i < contrastAt ? BeforeContrast : AfterContrast) : raw, "negated action"));
                continue;
            }
            else
            {
                continue;
            }
            if (raw == 0)
                continue;
            string? note = null;
            var span = Math.Max(1, scan.PhraseLength[i]);
            if (isLexical)
            {
                raw *= Scale(tokens, i);
                if (capsMeaningful && t.AllCaps)
                {
                    raw *= CapsFactor;
                    note = "capitals";
                }
                if (t.Elongated)
                {
                    raw *= ElongationFactor;
                    note = "elongated";
                }
                if (IsNegated(tokens, i) && (phrase is null || !phrase.Words[0].Has(WordFlags.Negator)))
                {
                    raw *= NegationFactor;
                    note = "negated";
                }
            }
            if (contrastAt >= 0)
                raw *= i + span - 1 < contrastAt ? BeforeContrast : AfterContrast;
            items.Add(new Item(i, source, raw, note));
        }

        var strongNegative = scan.ServiceFailure;
        foreach (var item in items)
            strongNegative |= item.Raw <= StrongNegative;
        for (var k = 0; k < items.Count; k++)
        {
            var item = items[k];
            if (item.Raw <= 0 || item.Token < 0 || tokens[item.Token].Entry is not { } entry || !entry.Has(WordFlags.SarcasmProne))
                continue;
            // "Great, another delay": praise beside a service failure or strong complaint is sarcasm or politeness.
            if (strongNegative)
                items[k] = item with { Raw = item.Raw * SarcasmFactor, Note = "sarcasm cue ignored" };
            // "Can you help me? Thanks": courtesy in a request is not praise.
            else if (tokens.Questions > 0 && entry.Has(WordFlags.Courtesy))
                items[k] = item with { Raw = item.Raw * CourtesyFactor, Note = "courtesy in a request" };
        }

        var sum = 0.0;
        foreach (var item in items)
            sum += item.Raw;
        if (sum != 0 && tokens.Exclamations > 0)
        {
            var boost = Math.Sign(sum) * ExclamationBoost * Math.Min(tokens.Exclamations, 3);
            items.Add(new Item(-1, "rule: '!' x" + Math.Min(tokens.Exclamations, 3).ToString(System.Globalization.CultureInfo.InvariantCulture), boost, null));
            sum += boost;
        }
        if (sum == 0)
            return 0;
        var score = sum / Math.Sqrt(sum * sum + Alpha);
        // Each item's share of the final score, so the explanation adds up to what the agent sees.
        var share = score / sum;
        foreach (var item in items)
            explanation.Add(new Contribution("sentiment", item.Source, Math.Round(item.Raw * share, 3), item.Note));
        return score;
    }

    private static double Scale(TokenList tokens, int i)
    {
        var scale = 1.0;
        if (i >= 1 && tokens[i - 1].Entry is { } p1 && p1.Has(WordFlags.Booster))
            scale *= p1.Scale;
        if (i >= 2 && tokens[i - 2].Entry is { } p2 && p2.Has(WordFlags.Booster))
            scale *= 1 + (p2.Scale - 1) / 2;
        return scale;
    }

    private static bool IsNegated(TokenList tokens, int i)
    {
        for (var k = i - 1; k >= 0 && k >= i - NegationWindow; k--)
        {
            ref var t = ref tokens[k];
            if (t.Kind == TokenKind.Symbol && t.Entry is null)
                return false; // punctuation ends the clause the negation governs
            if (t.Entry is { } e && e.Has(WordFlags.Negator))
                return true;
        }
        return false;
    }

    private static bool NextHasValence(TokenList tokens, PatternScan scan, int i)
    {
        for (var k = i + 1; k < tokens.Count && k <= i + NegationWindow; k++)
        {
            ref var t = ref tokens[k];
            if (t.Kind == TokenKind.Symbol)
                return false;
            if (scan.Phrase[k] is not null || t.Entry?.Valence is { } v && v != 0)
                return true;
        }
        return false;
    }
}
