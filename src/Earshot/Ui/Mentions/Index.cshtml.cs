using Earshot.Api;
using Earshot.Core.Posts;
using Earshot.Posts;

namespace Earshot.Ui.Mentions;

/// <summary>The Mentions stream: every stored post, newest first, with filters, search and live updates.</summary>
public sealed class IndexModel(EarshotDbContext db, Access.AccessScope scope) : PageModel
{
    public PostPage Results { get; private set; } = new([], null);
    public IReadOnlyList<string> Workspaces { get; private set; } = [];
    public IReadOnlyList<string> TopicNames { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<ChannelKind> Channels => ChannelKinds.All;
    public Core.Topics.Query.QueryError? QueryError { get; private set; }

    public string? Q(string name) => Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var visible = await scope.WorkspaceIdsAsync(cancellationToken);
        Workspaces = await db.Workspaces.AsNoTracking().Where(w => visible == null || visible.Contains(w.Id)).OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(cancellationToken);
        TopicNames = await db.Topics.AsNoTracking().Where(t => visible == null || visible.Contains(t.WorkspaceId)).Select(t => t.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
        await LoadAsync(cancellationToken);
    }

    /// <summary>The rows alone, for the live refresh of the first page.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Partial("_PostRows", Results.Items);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (filter, errors, queryError) = PostFilterBinder.Bind(Request.Query);
        QueryError = queryError;
        Errors = errors;
        if (filter is not null)
            Results = await PostSearch.FindAsync(db, filter with { WorkspaceIds = await scope.WorkspaceIdsAsync(cancellationToken) }, cancellationToken);
    }

    /// <summary>The current query string with the cursor replaced, for the "older posts" link.</summary>
    public string OlderLink(PostCursor next)
    {
        var query = Request.Query.Where(kv => kv.Key is not ("cursor" or "handler"))
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        query["cursor"] = next.Encode();
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/mentions", query);
    }
}
