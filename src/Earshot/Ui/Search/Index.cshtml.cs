using Earshot.Core.Topics.Query;
using Earshot.Search;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Search;

/// <summary>The header's search: one query across posts, cases and customers (<see cref="GlobalSearch"/>).</summary>
public sealed class IndexModel(EarshotDbContext db, IStringLocalizer<SearchStrings> strings) : PageModel
{
    public string Query { get; private set; } = "";
    public SearchResults? Results { get; private set; }
    public QueryError? QueryError { get; private set; }
    /// <summary>Why nothing was found: no posts yet at all, or nothing matches the query.</summary>
    public string? EmptyReason { get; private set; }

    public string Text(string key) => strings[key];

    public string Text(string key, params object[] arguments) => strings[key, arguments];

    public async Task OnGetAsync([FromQuery] string? q, CancellationToken cancellationToken)
    {
        Query = q ?? "";
        if (string.IsNullOrWhiteSpace(q))
            return;
        if (!QueryParser.TryParse(q, out var parsed, out var error))
        {
            QueryError = error;
            return;
        }
        Results = await GlobalSearch.FindAsync(db, q.Trim(), parsed!, cancellationToken);
        if (Results.IsEmpty)
            EmptyReason = await db.Posts.AnyAsync(p => !p.IsDeleted, cancellationToken) ? Text("NothingMatches", q.Trim()) : Text("EmptyNoPostsYet");
    }

    public string MentionsLink(string query) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/mentions", "q", query);

    public static string Iso(DateTime utc) => utc.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
