namespace Earshot.Core.Understanding.Aspects;

/// <summary>
/// One name per aspect, so that counts add up: lower case, single spaces, the last word singular, filler words at
/// either end dropped ("battery also" is "battery"), and fragments too short or too long to be a thing are no aspect.
/// Applied when a post is labelled and again when it is counted, so labels stored by older models count the same way.
/// </summary>
public static class AspectNames
{
    public const int MaxLength = 64;

    // Adverbs and fillers that the determiner rule picks up after a noun: "the battery also died", "my bill again".
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "also", "too", "again", "now", "still", "though", "anymore", "today", "tonight", "yesterday", "tomorrow", "lately",
        "here", "there", "ever", "even", "just", "really", "actually", "literally", "already", "yet", "always", "never",
        "back", "all", "anyway", "please", "pls", "plz", "lol", "tho", "btw", "rn", "ffs", "smh", "omg",
        "before", "after", "multiple", "say", "says", "said", "sent", "front", "way", "either",
    };

    // Modifiers that say which one, not what: "the same internet", "my last flight", "the closest store".
    private static readonly HashSet<string> Modifier = new(StringComparer.Ordinal)
    {
        "same", "last", "first", "next", "other", "new", "old", "whole", "only", "own", "entire", "several", "different",
        "actual", "closest", "nearest", "favorite", "favourite", "usual", "current", "previous", "latest", "certain",
    };

    // Words that name no thing a customer can like or dislike: "the reason", "the point", "the one", "the issue".
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "issue", "problem", "reason", "point", "thing", "stuff", "one", "time", "day", "week", "month", "year", "hour",
        "minute", "lot", "bit", "question", "answer", "help", "possible", "simple", "fast", "slow", "fact", "case", "kind",
        "sort", "part", "end", "rest", "number", "people", "guy", "someone", "something", "anything", "everything", "nothing",
        "mind", "idea", "chance", "moment", "today", "morning", "night", "evening", "weekend", "situation", "experience",
    };

    /// <summary>The aspect's one name, or null when what is left is no aspect.</summary>
    public static string? Normalise(string aspect)
    {
        var words = aspect.ToLowerInvariant().Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToList();
        // A word with a stray apostrophe or digit ("there'", "10") is a tokenising accident, not part of a name.
        words.RemoveAll(w => !w.All(c => char.IsLetter(c) || c == '-'));
        while (words.Count > 0 && Filler.Contains(words[^1]))
            words.RemoveAt(words.Count - 1);
        while (words.Count > 0 && (Filler.Contains(words[0]) || Modifier.Contains(words[0])))
            words.RemoveAt(0);
        if (words.Count == 0)
            return null;
        words[^1] = AspectExtractor.Singular(words[^1]);
        if (words.Count == 1 && Generic.Contains(words[0]))
            return null;
        var name = string.Join(' ', words);
        return name.Length < 3 || name.Length > MaxLength || !name.Any(char.IsLetter) ? null : name;
    }

    /// <summary>Each aspect's one name, once, in the order first seen.</summary>
    public static IReadOnlyList<string> NormaliseAll(IEnumerable<string> aspects)
    {
        var names = new List<string>();
        foreach (var aspect in aspects)
        {
            if (Normalise(aspect) is { } name && !names.Contains(name))
                names.Add(name);
        }
        return names;
    }
}
