using Earshot.Core.Insights;

namespace Earshot.Engine.Insights;

/// <summary>The rollup keys one post counts under, built from its tally; <see cref="RollupDeltas"/> adds them up.</summary>
internal static class PostCount
{
    public static void Add(RollupDeltas deltas, PostTally post, int sign, Guid postId)
    {
        var hour = Truncate(post.CreatedAt, TimeSpan.TicksPerHour);
        var day = Truncate(post.CreatedAt, TimeSpan.TicksPerDay);
        var aspects = CommaSeparatedIds.Strings(post.Aspects);
        foreach (var topic in Topics(post))
        {
            var key = new RollupKey(post.WorkspaceId, topic, hour, post.ChannelId, post.Language, post.Sentiment, post.Intent);
            deltas.Volume(new VolumeKey(key, BucketSpan.Hour, post.Switcher), sign, postId);
            deltas.Volume(new VolumeKey(key with { Bucket = day }, BucketSpan.Day, post.Switcher), sign, postId);
            foreach (var aspect in aspects)
                deltas.Aspect(new AspectKey(key with { Bucket = day }, aspect), sign, postId);
            deltas.Author(new AuthorKey(key with { Bucket = day }, post.AuthorId), sign, postId);
        }
    }

    /// <summary>The workspace-wide row (<see cref="Guid.Empty"/>) and one per matched topic.</summary>
    private static IEnumerable<Guid> Topics(PostTally post)
    {
        yield return Guid.Empty;
        foreach (var topic in CommaSeparatedIds.Guids(post.TopicIds))
            yield return topic;
    }

    private static DateTime Truncate(DateTime time, long ticks) => new(time.Ticks - time.Ticks % ticks, DateTimeKind.Utc);
}

internal static class CommaSeparatedIds
{
    public static IEnumerable<Guid> Guids(string text) => Strings(text).Select(Guid.Parse);

    public static string[] Strings(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
