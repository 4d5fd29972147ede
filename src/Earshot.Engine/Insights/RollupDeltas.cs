namespace Earshot.Engine.Insights;

public readonly record struct RollupKey(Guid WorkspaceId, Guid TopicId, DateTime Bucket, Guid ChannelId, string Language, string Sentiment, string Intent);

public readonly record struct VolumeKey(RollupKey Key, Core.Insights.BucketSpan Span, bool Switcher);

public readonly record struct AspectKey(RollupKey Key, string Aspect);

public readonly record struct AuthorKey(RollupKey Key, Guid AuthorId);

/// <summary>
/// A batch's changes to the rollups, added up per row before anything is written: a batch of posts from one hour
/// touches each of its rows once. Rows whose changes cancel out (a post re-counted unchanged) are not written.
/// </summary>
public sealed class RollupDeltas
{
    private readonly Dictionary<VolumeKey, Change> _volume = [];
    private readonly Dictionary<AspectKey, Change> _aspects = [];
    private readonly Dictionary<AuthorKey, Change> _authors = [];

    public void Volume(VolumeKey key, int sign, Guid postId) => Add(_volume, key, sign, postId);
    public void Aspect(AspectKey key, int sign, Guid postId) => Add(_aspects, key, sign, postId);
    public void Author(AuthorKey key, int sign, Guid postId) => Add(_authors, key, sign, postId);

    /// <summary>Rows in key order, so that two nodes writing overlapping rows lock them in the same order.</summary>
    public List<object?[]> VolumeRows() => Rows(_volume, k => [.. Dimensions(k.Key), (int)k.Span, k.Switcher]);
    public List<object?[]> AspectRows() => Rows(_aspects, k => [.. Dimensions(k.Key), k.Aspect]);
    public List<object?[]> AuthorRows() => Rows(_authors, k => [.. Dimensions(k.Key), k.AuthorId]);

    private static object?[] Dimensions(RollupKey k) => [k.WorkspaceId, k.TopicId, k.Bucket, k.ChannelId, k.Language, k.Sentiment, k.Intent];

    private static List<object?[]> Rows<TKey>(Dictionary<TKey, Change> changes, Func<TKey, object?[]> key) where TKey : notnull =>
        changes.Where(c => c.Value.Posts != 0)
            .Select(c => (object?[])[.. key(c.Key), c.Value.Posts, c.Value.Latest])
            .OrderBy(row => row, RowOrder.Instance)
            .ToList();

    private static void Add<TKey>(Dictionary<TKey, Change> changes, TKey key, int sign, Guid postId) where TKey : notnull
    {
        changes.TryGetValue(key, out var change);
        changes[key] = new Change(change.Posts + sign, sign > 0 && postId.CompareTo(change.Latest) > 0 ? postId : change.Latest);
    }

    private readonly record struct Change(long Posts, Guid Latest);

    private sealed class RowOrder : IComparer<object?[]>
    {
        public static readonly RowOrder Instance = new();

        public int Compare(object?[]? x, object?[]? y)
        {
            for (var i = 0; i < x!.Length - 2; i++)
            {
                var order = Comparer<object?>.Default.Compare(x[i], y![i]);
                if (order != 0)
                    return order;
            }
            return 0;
        }
    }
}
