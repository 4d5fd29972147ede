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
    private readonly EmergingTermsOptions _options = options ?? new();
    private readonly Queue<(Dictionary<string, int> Terms, int Posts)> _window = new();
    private readonly Dictionary<string, int> _windowTerms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _baseline = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastReported = new(StringComparer.Ordinal);
    private int _windowPosts;
    private double _baselinePosts;
    private long _bucket;

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
        _bucket++;
        _window.Enqueue((counts, postCount));
        Merge(_windowTerms, counts, +1);
        _windowPosts += postCount;
        if (_window.Count > _options.WindowBuckets) Retire(_window.Dequeue());
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
        if (_baselinePosts < _options.MinimumBaselinePosts || _windowPosts == 0) return found;
        foreach (var (term, count) in _windowTerms)
        {
            if (count < _options.MinimumPosts) continue;
            // Half a post of prior keeps a never-seen term finite without making it free.
            var share = (_baseline.GetValueOrDefault(term) + 0.5) / (_baselinePosts + 1);
            var expected = share * _windowPosts;
            if (count < _options.MinimumRatio * expected) continue;
            var p = CountTails.PoissonUpper(count, expected);
            if (p >= _options.Alpha) continue;
            var isNew = !_lastReported.TryGetValue(term, out var last) || _bucket - last > _options.CooldownBuckets;
            _lastReported[term] = _bucket;
            found.Add(new EmergingTerm(term, count, expected, p, isNew));
        }
        // A bigram and its words often emerge together; the list leads with the most surprising.
        found.Sort((a, b) => a.PValue.CompareTo(b.PValue));
        return found;
    }

    private void Retire((Dictionary<string, int> Terms, int Posts) old)
    {
        Merge(_windowTerms, old.Terms, -1);
        _windowPosts -= old.Posts;
        var decay = Math.Pow(0.5, 1 / _options.HalfLifeBuckets);
        _baselinePosts = _baselinePosts * decay + old.Posts;
        var faded = new List<string>();
        foreach (var term in _baseline.Keys.ToList())
        {
            var value = _baseline[term] * decay;
            if (value < 0.01) faded.Add(term);
            else _baseline[term] = value;
        }
        foreach (var term in faded) _baseline.Remove(term);
        foreach (var (term, count) in old.Terms) _baseline[term] = _baseline.GetValueOrDefault(term) + count;
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
