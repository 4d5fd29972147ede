namespace Earshot.Posts;

/// <summary>Why a search or filtered stream came back empty.</summary>
public enum EmptyReason
{
    /// <summary>The caller's workspaces hold no posts at all.</summary>
    NoPostsYet,
    /// <summary>The search alone matches no post.</summary>
    QueryMatchesNothing,
    /// <summary>The filters alone (without the search) match no post.</summary>
    FiltersMatchNothing,
    /// <summary>The search and the filters each match posts, but no post satisfies both.</summary>
    TogetherMatchNothing,
    /// <summary>A later page: every match was on the earlier pages.</summary>
    NoOlderPosts,
}

public static class EmptyResults
{
    /// <summary>The filters set on <paramref name="filter"/>, by their parameter names (workspace, channel, …).</summary>
    public static IReadOnlyList<string> FiltersOf(PostFilter filter)
    {
        var names = new List<string>();
        if (filter.Workspace is not null) names.Add("workspace");
        if (filter.Channel is not null) names.Add("channel");
        if (filter.Topic is not null) names.Add("topic");
        if (filter.Sentiment is not null) names.Add("sentiment");
        if (filter.Intent is not null) names.Add("intent");
        if (filter.Language is not null) names.Add("language");
        if (filter.Aspect is not null) names.Add("aspect");
        if (filter.AuthorId is not null) names.Add("author");
        if (filter.Switchers) names.Add("switchers");
        if (filter.From is not null) names.Add("from");
        if (filter.To is not null) names.Add("to");
        return names;
    }

    /// <summary>Asks at most three cheap questions (each stops at the first post) to say which part excluded everything.</summary>
    public static async Task<EmptyReason> WhyAsync(EarshotDbContext db, PostFilter filter, CancellationToken cancellationToken)
    {
        if (!await db.Posts.AnyAsync(p => !p.IsDeleted, cancellationToken))
            return EmptyReason.NoPostsYet;
        if (filter.After is not null)
            return EmptyReason.NoOlderPosts;
        var hasFilters = FiltersOf(filter).Count > 0;
        if (filter.Query is not null && !await AnyAsync(db, new PostFilter { Query = filter.Query, WorkspaceIds = filter.WorkspaceIds }, cancellationToken))
            return EmptyReason.QueryMatchesNothing;
        if (hasFilters && (filter.Query is null || !await AnyAsync(db, filter with { Query = null, Text = null }, cancellationToken)))
            return EmptyReason.FiltersMatchNothing;
        return EmptyReason.TogetherMatchNothing;
    }

    private static async Task<bool> AnyAsync(EarshotDbContext db, PostFilter filter, CancellationToken cancellationToken) =>
        (await PostSearch.FindAsync(db, filter with { Limit = 1, After = null }, cancellationToken)).Items.Count > 0;
}
