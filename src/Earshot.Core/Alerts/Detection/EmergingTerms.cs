namespace Earshot.Core.Alerts.Detection;

/// <summary>A word or two-word phrase that is suddenly common in a topic.</summary>
public sealed record EmergingTerm(string Term, double Posts, double Expected, double PValue, bool IsNew);

public sealed record EmergingTermsOptions
{
    /// <summary>Buckets in the current window (15 one-minute buckets by default).</summary>
    public int WindowBuckets { get; init; } = 15;

    /// <summary>The baseline forgets with this half-life, in buckets (a week of minutes by default).</summary>
    public double HalfLifeBuckets { get; init; } = 7 * 24 * 60;

    /// <summary>Posts in the baseline before anything counts as new: on day one every word is new.</summary>
    public double MinimumBaselinePosts { get; init; } = 200;

    /// <summary>Posts in the window that must contain the term.</summary>
    public double MinimumPosts { get; init; } = 5;

    public double MinimumRatio { get; init; } = 3;

    public double Alpha { get; init; } = 1e-6;

    /// <summary>A term reported within this many buckets is an update, not news (one incident, one alert).</summary>
    public int CooldownBuckets { get; init; } = 6 * 60;
}

/// <summary>
/// Per topic: counts, per term, the posts that contain it (unigrams and bigrams without stop words, each once
/// per post) in the current window and in a slowly forgetting baseline that the window joins only after it
/// has passed, so a burst is compared with the time before it. A term emerges when its window count is far
/// above the baseline share times the window's posts (Poisson tail), at least MinimumPosts and MinimumRatio×.
/// </summary>
public sealed class EmergingTerms(EmergingTermsOptions? options = null)
{
    private readonly EmergingTermsOptions options = options ?? new();
    private readonly Queue<(Dictionary<string, int> Terms, int Posts)> window = new();
    private readonly Dictionary<string, int> windowTerms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> baseline = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> lastReported = new(StringComparer.Ordinal);
    private int windowPosts;
    private double baselinePosts;
    private long bucket;

    /// <summary>Feeds one bucket: each post as its lower-cased tokens. Returns the terms emerging now.</summary>
    public IReadOnlyList<EmergingTerm> Observe(IEnumerable<IReadOnlyList<string>> posts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var postCount = 0;
        foreach (var tokens in posts)
        {
            postCount++;
            foreach (var term in TermsOf(tokens)) counts[term] = counts.GetValueOrDefault(term) + 1;
        }
        return Observe(counts, postCount);
    }

    /// <summary>
    /// Feeds one bucket already counted: per term, the posts containing it (<see cref="TermsOf"/>), and the posts.
    /// The live pipeline counts as posts arrive, so it never holds a minute's tokens. Takes ownership of the counts.
    /// </summary>
    public IReadOnlyList<EmergingTerm> Observe(Dictionary<string, int> counts, int postCount)
    {
        bucket++;
        window.Enqueue((counts, postCount));
        Merge(windowTerms, counts, +1);
        windowPosts += postCount;
        if (window.Count > options.WindowBuckets) Retire(window.Dequeue());
        return Emerging();
    }

    /// <summary>Distinct unigrams and bigrams of a post, skipping stop words and one-letter tokens.</summary>
    public static IEnumerable<string> TermsOf(IReadOnlyList<string> tokens)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!IsContent(tokens[i])) continue;
            terms.Add(tokens[i]);
            if (i + 1 < tokens.Count && IsContent(tokens[i + 1])) terms.Add(tokens[i] + " " + tokens[i + 1]);
        }
        return terms;
    }

    private List<EmergingTerm> Emerging()
    {
        var found = new List<EmergingTerm>();
        if (baselinePosts < options.MinimumBaselinePosts || windowPosts == 0) return found;
        foreach (var (term, count) in windowTerms)
        {
            if (count < options.MinimumPosts) continue;
            // Half a post of prior keeps a never-seen term finite without making it free.
            var share = (baseline.GetValueOrDefault(term) + 0.5) / (baselinePosts + 1);
            var expected = share * windowPosts;
            if (count < options.MinimumRatio * expected) continue;
            var p = CountTails.PoissonUpper(count, expected);
            if (p >= options.Alpha) continue;
            var isNew = !lastReported.TryGetValue(term, out var last) || bucket - last > options.CooldownBuckets;
            lastReported[term] = bucket;
            found.Add(new EmergingTerm(term, count, expected, p, isNew));
        }
        // A bigram and its words often emerge together; the list leads with the most surprising.
        found.Sort((a, b) => a.PValue.CompareTo(b.PValue));
        return found;
    }

    private void Retire((Dictionary<string, int> Terms, int Posts) old)
    {
        Merge(windowTerms, old.Terms, -1);
        windowPosts -= old.Posts;
        var decay = Math.Pow(0.5, 1 / options.HalfLifeBuckets);
        baselinePosts = baselinePosts * decay + old.Posts;
        var faded = new List<string>();
        foreach (var term in baseline.Keys.ToList())
        {
            var value = baseline[term] * decay;
            if (value < 0.01) faded.Add(term);
            else baseline[term] = value;
        }
        foreach (var term in faded) baseline.Remove(term);
        foreach (var (term, count) in old.Terms) baseline[term] = baseline.GetValueOrDefault(term) + count;
    }

    private static void Merge(Dictionary<string, int> into, Dictionary<string, int> from, int sign)
    {
        foreach (var (term, count) in from)
        {
            var value = into.GetValueOrDefault(term) + sign * count;
            if (value <= 0) into.Remove(term);
            else into[term] = value;
        }
    }

    private static bool IsContent(string token) => token.Length > 1 && !StopWords.Contains(token);

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "you", "your", "with", "this", "that", "are", "was", "but", "not", "have", "has",
        "had", "just", "can", "all", "our", "out", "get", "got", "its", "it's", "i'm", "from", "they", "them",
        "what", "when", "why", "how", "who", "will", "would", "been", "be", "is", "in", "on", "at", "to", "of",
        "it", "my", "me", "we", "so", "do", "no", "an", "or", "if", "as", "by", "up", "am", "rt", "via", "amp",
        "there", "their", "than", "then", "about", "still", "any", "one", "now", "again", "please", "thanks",
    };
}
