using Earshot.Core.Pipeline;

namespace Earshot.Storage;

/// <summary>
/// Posts that have not been through every pipeline stage. They live in a partial index of their own
/// (<see cref="IndexName"/>), so finding them costs what is left to do; a query only uses that index when it carries
/// the index's condition word for word, which is why every such query goes through <see cref="Unfinished"/>.
/// </summary>
public static class UnfinishedPosts
{
    public const string IndexName = "ix_posts_unfinished";

    /// <summary>The index's condition, in SQL; the same on SQLite and PostgreSQL.</summary>
    public static readonly string Filter = $"stage < {(int)PipelineStep.Published}";

    public static IQueryable<Post> Unfinished(this IQueryable<Post> posts) =>
        posts.Where(p => p.Stage < (int)PipelineStep.Published);
}
