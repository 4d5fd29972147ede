using Earshot.Core.Understanding.Lexicon;
using Earshot.Core.Understanding.Text;

namespace Earshot.Core.Understanding.Severity;

/// <summary>Gathers severity cues from the pattern hits; for churn, names the competitor that follows "switching to".</summary>
internal static class SeverityCollector
{
    public static IReadOnlyList<SeverityCue> Collect(string text, TokenList tokens, PatternScan scan, List<Contribution> explanation)
    {
        List<SeverityCue>? cues = null;
        foreach (var hit in scan.Cues)
        {
            if (hit.Pattern.Kind != PatternKind.Severity)
                continue;
            cues ??= new List<SeverityCue>(2);
            var cue = hit.Pattern.Tag;
            var competitor = cue == "churn" && hit.Pattern.Words[^1].Word is "to" or "with" or "for"
                ? NameAfter(text, tokens, hit.Start + hit.Length)
                : null;
            var existing = cues.FindIndex(c => c.Cue == cue);
            if (existing < 0)
            {
                cues.Add(new SeverityCue(cue, [hit.Pattern.Text], competitor));
            }
            else if (!cues[existing].Words.Contains(hit.Pattern.Text))
            {
                var old = cues[existing];
                cues[existing] = old with { Words = [.. old.Words, hit.Pattern.Text], Competitor = old.Competitor ?? competitor };
            }
            explanation.Add(new Contribution("severity:" + cue, "'" + hit.Pattern.Text + "'", 1));
        }
        return cues ?? (IReadOnlyList<SeverityCue>)[];
    }

    /// <summary>A brand is written as a mention or a capitalised word: "@Delta", "Delta", "Southwest Airlines".</summary>
    private static string? NameAfter(string text, TokenList tokens, int index)
    {
        if (index >= tokens.Count)
            return null;
        ref var t = ref tokens[index];
        var original = Tokenizer.Original(text, t);
        if (t.Kind == TokenKind.Mention)
            return original;
        var isName = t.Kind is TokenKind.Word or TokenKind.Hashtag && char.IsUpper(original[0]);
        if (isName && (t.Entry is null || !t.Entry.Has(WordFlags.Function)))
            return original;
        return null;
    }
}
