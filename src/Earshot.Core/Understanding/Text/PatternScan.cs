using Earshot.Core.Understanding.Lexicon;

namespace Earshot.Core.Understanding.Text;

/// <summary>A pattern found in a post: where it starts, how many tokens it spans.</summary>
internal readonly record struct PatternHit(Pattern Pattern, int Start, int Length);

/// <summary>
/// Finds every cue pattern (severity, intent, aspect) and the longest valence phrase at each position.
/// Valence phrases consume their tokens so "not working" is not also scored as "working" negated.
/// </summary>
internal sealed class PatternScan
{
    public List<PatternHit> Cues { get; } = new(16);

    /// <summary>For each token: the valence phrase starting there (length &gt; 0), or -1 inside one.</summary>
    public int[] PhraseLength { get; private set; } = new int[64];

    public Pattern?[] Phrase { get; private set; } = new Pattern?[64];

    public bool ServiceFailure { get; private set; }

    public void Run(TokenList tokens)
    {
        Cues.Clear();
        ServiceFailure = false;
        if (PhraseLength.Length < tokens.Count)
        {
            PhraseLength = new int[tokens.Count * 2];
            Phrase = new Pattern?[tokens.Count * 2];
        }
        Array.Clear(PhraseLength, 0, tokens.Count);
        Array.Clear(Phrase, 0, tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var entry = tokens[i].Entry;
            if (entry is null || entry.Patterns.Length == 0)
                continue;
            var valenceTaken = PhraseLength[i] != 0;
            foreach (var pattern in entry.Patterns)
            {
                if (!Matches(tokens, i, pattern))
                    continue;
                if (pattern.Kind != PatternKind.Valence)
                {
                    Cues.Add(new PatternHit(pattern, i, pattern.Words.Length));
                    continue;
                }
                if (valenceTaken)
                    continue;
                valenceTaken = true;
                PhraseLength[i] = pattern.Words.Length;
                Phrase[i] = pattern;
                for (var k = 1; k < pattern.Words.Length; k++)
                    PhraseLength[i + k] = -1;
                ServiceFailure |= pattern.ServiceFailure;
            }
        }
    }

    private static bool Matches(TokenList tokens, int start, Pattern pattern)
    {
        var words = pattern.Words;
        if (start + words.Length > tokens.Count)
            return false;
        for (var k = 1; k < words.Length; k++)
        {
            if (!ReferenceEquals(tokens[start + k].Entry, words[k]))
                return false;
        }
        return true;
    }
}
