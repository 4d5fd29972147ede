using Earshot.Core.Cases;
using Earshot.Core.Posts;
using Earshot.Core.Topics.Query;
using Earshot.Posts;
using Earshot.Storage.Search;

namespace Earshot.Search;

/// <summary>
/// One query across posts, cases and customers (the header's search box and `GET /api/search`). Posts match the
/// listening query through the full-text index; a case matches when one of its posts does or its subject contains
/// the query as typed; a customer is an author whose handle or display name contains it, with the authors linked to
/// them as one customer. Every query runs through the workspace filter, so only the caller's workspaces are searched.
/// </summary>
public static class GlobalSearch
{
    public const int SectionSize = 20;

    public static async Task<SearchResults> FindAsync(EarshotDbContext db, string text, QueryNode query, CancellationToken cancellationToken)
    {
        var matching = db.Posts.AsNoTracking().Where(p => !p.IsDeleted).Where(db, query);
        var posts = await PostSearch.FindAsync(db, new PostFilter { Query = query, Text = text, Limit = SectionSize }, cancellationToken);
        var postCount = await matching.CountAsync(cancellationToken);

        var words = Words(text);
        var postIds = matching.Select(p => p.Id);
        var cases = db.Cases.AsNoTracking()
            .Where(c => c.Subject.ToLower().Contains(words) || db.CasePosts.Any(cp => cp.CaseId == c.Id && postIds.Contains(cp.PostId)));
        var caseCount = await cases.CountAsync(cancellationToken);
        var caseItems = await cases.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Take(SectionSize)
            .Select(c => new { c.Id, c.Subject, c.Status, c.UpdatedAt, Workspace = db.Workspaces.Where(w => w.Id == c.WorkspaceId).Select(w => w.Name).First() })
            .ToListAsync(cancellationToken);

        var name = Words(text.StartsWith("author:", StringComparison.OrdinalIgnoreCase) ? text[7..] : text).TrimStart('@');
        var named = db.Authors.AsNoTracking()
            .Where(a => a.Handle.ToLower().Contains(name) || (a.DisplayName != null && a.DisplayName.ToLower().Contains(name)))
            .Select(a => a.Id);
        var customerIds = db.CustomerLinks.Where(l => named.Contains(l.AuthorId)).Select(l => l.CustomerId);
        var customers = db.Authors.AsNoTracking()
            .Where(a => named.Contains(a.Id) || db.CustomerLinks.Any(l => l.AuthorId == a.Id && customerIds.Contains(l.CustomerId)));
        var customerCount = name.Length == 0 ? 0 : await customers.CountAsync(cancellationToken);
        var customerItems = name.Length == 0 ? [] : await customers.OrderBy(a => a.Handle).ThenBy(a => a.Id).Take(SectionSize)
            .Select(a => new CustomerHit(a.Id, a.Handle, a.DisplayName,
                db.Channels.Where(c => c.Id == a.ChannelId).Select(c => c.Kind).First(),
                db.CustomerLinks.Where(l => l.AuthorId == a.Id).Select(l => (Guid?)l.CustomerId).FirstOrDefault(),
                !named.Contains(a.Id)))
            .ToListAsync(cancellationToken);

        return new SearchResults(
            new(postCount, posts.Items),
            new(caseCount, caseItems.Select(c => new CaseHit(c.Id, c.Subject, c.Status.WireName(), c.Workspace, c.UpdatedAt)).ToList()),
            new(customerCount, customerItems));
    }

    /// <summary>The query as typed, lower-cased and with its operators' quotes removed, for the substring matches.</summary>
    private static string Words(string text) => text.Trim().Trim('"').Trim().ToLowerInvariant();
}

public sealed record SearchResults(SearchSection<PostSummary> Posts, SearchSection<CaseHit> Cases, SearchSection<CustomerHit> Customers)
{
    public bool IsEmpty => Posts.Count == 0 && Cases.Count == 0 && Customers.Count == 0;
}

/// <summary>Count: every match; Items: the first <see cref="GlobalSearch.SectionSize"/> of them.</summary>
public sealed record SearchSection<T>(int Count, IReadOnlyList<T> Items);

public sealed record CaseHit(Guid Id, string Subject, string Status, string Workspace, DateTime UpdatedAt);

/// <param name="Linked">True when the author is listed because it is linked to a matching author as one customer.</param>
public sealed record CustomerHit(Guid AuthorId, string Handle, string? DisplayName, [property: System.Text.Json.Serialization.JsonIgnore] ChannelKind ChannelKind, Guid? CustomerId, bool Linked)
{
    public string Channel => ChannelKind.WireName();
}
