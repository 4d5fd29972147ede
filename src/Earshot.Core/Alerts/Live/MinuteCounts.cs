using Earshot.Core.Alerts.Detection;

namespace Earshot.Core.Alerts.Live;

/// <summary>One minute of one topic: counts, the posts' terms (for emerging terms) and a few examples.</summary>
internal sealed class MinuteCounts
{
    public int Posts;
    public int Negatives;
    public int Complaints;
    public readonly Dictionary<string, int> Terms = new(StringComparer.Ordinal);
    public readonly List<AlertExample> Examples = new(WatchOptions.MaxExamples);

    public void Add(WatchedPost post)
    {
        Posts++;
        if (post.Negative) Negatives++;
        if (post.Complaint) Complaints++;
        foreach (var term in EmergingTerms.TermsOf(Words(post.Text))) Terms[term] = Terms.GetValueOrDefault(term) + 1;
        // Keep the first few posts, but let negative ones push out neutral ones: they show what went wrong.
        if (Examples.Count < WatchOptions.MaxExamples) Examples.Add(AlertExample.Of(post));
        else if (post.Negative && Examples.FindIndex(e => !e.Negative) is var i and >= 0) Examples[i] = AlertExample.Of(post);
    }

    /// <summary>Lower-cased words, apostrophes kept ("it's"), everything else a separator.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] == '\'' && start >= 0));
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].Trim('\'').ToLowerInvariant());
                start = -1;
            }
        }
        return words;
    }
}
