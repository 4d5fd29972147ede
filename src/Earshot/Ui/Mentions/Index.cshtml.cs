using Earshot.Api;
using Earshot.Core.Posts;
using Earshot.Core.Topics.Query;
using Earshot.Posts;
using Earshot.Ui.Search;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Mentions;

/// <summary>The Mentions stream: every stored post, newest first, with filters, search and live updates.</summary>
public sealed class IndexModel(
    EarshotDbContext db, IDbContextFactory<EarshotDbContext> contexts, AccessScope scope, TimeProvider clock, IStringLocalizer<SearchStrings> strings) : PageModel
{
    public PostPage Results { get; private set; } = new([], null);
    public IReadOnlyList<string> Workspaces { get; private set; } = [];
    public IReadOnlyList<string> TopicNames { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<ChannelKind> Channels => ChannelKinds.All;
    /// <summary>A search that does not parse, with its column.</summary>
    public QueryError? QueryError { get; private set; }
    /// <summary>Why the page is empty, in words naming the search or the filters; null when there are posts.</summary>
    public string? EmptyReason { get; private set; }

    public string? Q(string name) => Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>The search box's value: q, or text (its older name).</summary>
    public string? Search => Q("q") is { Length: > 0 } q ? q : Q("text");

    public string Text(string key) => strings[key];

    public string Text(string key, params object[] arguments) => strings[key, arguments];

    /// <summary>The filters the insight pages drill down with, which the form has no field for: (parameter, label, value).</summary>
    public IReadOnlyList<(string Name, string Label, string Value)> DrillDown =>
        DrillParameters.Where(name => !string.IsNullOrEmpty(Q(name)))
            .Select(name => (name, Text(char.ToUpperInvariant(name[0]) + name[1..]), Q(name)!)).ToList();

    private static readonly string[] DrillParameters = ["language", "aspect", "author", "switchers"];

    /// <summary>This page's address without the drill-down filters.</summary>
    public string WithoutDrillDown() =>
        "/mentions" + new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(
            Request.Query.Where(kv => !DrillParameters.Contains(kv.Key) && kv.Key is not ("cursor" or "handler"))
                .SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, v ?? "")))).ToQueryString();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var visible = await scope.WorkspaceIdsAsync(cancellationToken);
        Workspaces = await db.Workspaces.AsNoTracking().Where(w => visible == null || visible.Contains(w.Id)).OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(cancellationToken);
        TopicNames = await db.Topics.AsNoTracking().Where(t => visible == null || visible.Contains(t.WorkspaceId)).Select(t => t.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
        await LoadAsync(explain: true, cancellationToken);
    }

    /// <summary>The rows alone, for the live refresh of the first page.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(explain: false, cancellationToken);
        return Partial("_PostRows", Results.Items);
    }

    /// <summary>Every post the page's filters match, as CSV; filters that do not read show the page with their errors.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var (filter, _, _) = PostFilterBinder.Bind(Request.Query);
        if (filter is null)
        {
            await OnGetAsync(cancellationToken);
            return Page();
        }
        return Exports.PostsCsv.Download(contexts, filter with { WorkspaceIds = await scope.WorkspaceIdsAsync(cancellationToken) }, clock.GetUtcNow().UtcDateTime);
    }

    private async Task LoadAsync(bool explain, CancellationToken cancellationToken)
    {
        var (filter, errors, queryError) = PostFilterBinder.Bind(Request.Query);
        QueryError = queryError;
        // The search's error is shown on its own, with the column; the other filters' errors are listed by their labels.
        Errors = errors.Where(e => queryError is null || e.Key is not ("q" or "text"))
            .ToDictionary(e => Text(char.ToUpperInvariant(e.Key[0]) + e.Key[1..]) is var label && !string.IsNullOrEmpty(label) ? label : e.Key, e => e.Value.Select(PhraseStrings.Say).ToArray());
        if (filter is null)
            return;
        filter = filter with { WorkspaceIds = await scope.WorkspaceIdsAsync(cancellationToken) };
        Results = await PostSearch.FindAsync(db, filter, cancellationToken);
        if (explain && Results.Items.Count == 0)
            EmptyReason = Explain(await EmptyResults.WhyAsync(db, filter, cancellationToken), filter);
    }

    private string Explain(Earshot.Posts.EmptyReason reason, PostFilter filter)
    {
        var filters = string.Join(", ", EmptyResults.FiltersOf(filter).Select(f => Text(char.ToUpperInvariant(f[0]) + f[1..]).ToLowerInvariant()));
        return reason switch
        {
            Earshot.Posts.EmptyReason.NoPostsYet => Text("EmptyNoPostsYet"),
            Earshot.Posts.EmptyReason.QueryMatchesNothing => Text("EmptyQuery", filter.Text ?? ""),
            Earshot.Posts.EmptyReason.FiltersMatchNothing => Text("EmptyFilters", filters),
            Earshot.Posts.EmptyReason.NoOlderPosts => Text("EmptyNoOlder"),
            _ => Text("EmptyTogether", filter.Text ?? "", filters),
        };
    }

    /// <summary>The CSV download of the current filters: all their posts, so no cursor.</summary>
    public string CsvLink()
    {
        var query = Request.Query.Where(kv => kv.Key is not ("cursor" or "handler" or "limit"))
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());
        query["handler"] = "Csv";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/mentions", query);
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
