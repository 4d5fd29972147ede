using Earshot.Core.Topics.Query;

namespace Earshot.Core.Topics.Matching;

/// <summary>
/// Matches posts against every topic of every workspace at once. Thread-safe: readers use the current
/// immutable snapshot without locks; changes rebuild a new snapshot and swap it in atomically, so posts keep
/// flowing while topics are added, changed or removed (a post sees either the old or the new set, never a mix).
/// </summary>
public sealed class TopicMatcher
{
    [ThreadStatic]
    private static MatchContext? s_context;

    private readonly object _gate = new();
    private readonly Dictionary<Guid, QueryNode> _queries = [];
    private readonly QueryLimits _limits;
    private volatile MatcherSnapshot _snapshot = MatcherSnapshot.Empty;

    public TopicMatcher(QueryLimits? limits = null) => _limits = limits ?? QueryLimits.Default;

    public int Count => _snapshot.Topics.Length;

    /// <summary>Adds or replaces a topic; returns the parse error (and changes nothing) when the query is invalid.</summary>
    public QueryError? AddOrUpdate(Guid topicId, string query)
    {
        var parsed = QueryParser.Parse(query, _limits);
        if (parsed.Query is null)
            return parsed.Error;
        lock (_gate)
        {
            _queries[topicId] = parsed.Query;
            Rebuild();
        }
        return null;
    }

    /// <summary>Adds or replaces many topics with one rebuild; returns the errors of those that did not parse.</summary>
    public IReadOnlyDictionary<Guid, QueryError> AddOrUpdateMany(IEnumerable<KeyValuePair<Guid, string>> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var errors = new Dictionary<Guid, QueryError>();
        var parsed = new List<KeyValuePair<Guid, QueryNode>>();
        foreach (var (id, query) in topics)
        {
            var result = QueryParser.Parse(query, _limits);
            if (result.Query is null)
                errors[id] = result.Error!;
            else
                parsed.Add(new(id, result.Query));
        }
        lock (_gate)
        {
            foreach (var (id, query) in parsed)
                _queries[id] = query;
            Rebuild();
        }
        return errors;
    }

    public bool Remove(Guid topicId)
    {
        lock (_gate)
        {
            if (!_queries.Remove(topicId))
                return false;
            Rebuild();
            return true;
        }
    }

    /// <summary>Appends the ids of the topics the post matches to <paramref name="result"/> (not cleared first).</summary>
    public void Match(in MatchInput post, List<Guid> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _snapshot.Match(post, s_context ??= new MatchContext(), result);
    }

    /// <summary>Character ranges of the words a topic's positive terms found in the text (empty if the topic is unknown).</summary>
    public IReadOnlyList<TextRange> Highlight(Guid topicId, string text)
    {
        QueryNode? query;
        lock (_gate)
        {
            if (!_queries.TryGetValue(topicId, out query))
                return [];
        }
        return Highlighter.Highlight(query, text);
    }

    /// <summary>Character ranges of the words a query's positive terms found in the text.</summary>
    public static IReadOnlyList<TextRange> Highlight(QueryNode query, string text) => Highlighter.Highlight(query, text);

    private void Rebuild()
    {
        var builder = new SnapshotBuilder();
        foreach (var (id, query) in _queries)
            builder.Add(id, query);
        _snapshot = builder.Build();
    }
}
