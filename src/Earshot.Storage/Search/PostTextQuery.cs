using System.Linq.Expressions;
using Earshot.Core.Topics.Query;

namespace Earshot.Storage.Search;

/// <summary>
/// Turns a parsed listening query into a condition on posts for EF Core: the text parts become one full-text index
/// lookup per group (SQLite FTS5 table <c>post_search</c>, PostgreSQL's GIN-indexed <c>posts.search_vector</c>), the
/// fields become SQL conditions on the post, its author and its channel. The index lookups are sub-queries of
/// post ids joined back to <see cref="EarshotDbContext.Posts"/>, so the workspace filter applies to every result.
/// </summary>
public static class PostTextQuery
{
    /// <summary>The name of SQLite's FTS5 table and of PostgreSQL's tsvector column (in their migration).</summary>
    public const string SqliteTable = "post_search";

    public const string PostgresColumn = "search_vector";

    /// <summary>The text search configuration of the PostgreSQL column and queries: English stemming, as SQLite's porter.</summary>
    public const string PostgresConfiguration = "english";

    /// <summary>
    /// Posts matching <paramref name="query"/>. With a <paramref name="window"/>, SQLite's index lookups read only its
    /// span: the caller must also keep <paramref name="posts"/> within it (<see cref="PostSearchWindow"/>).
    /// </summary>
    public static IQueryable<Post> Where(this IQueryable<Post> posts, EarshotDbContext db, QueryNode query, PostSearchWindow? window = null) =>
        posts.Where(new Compiler(db, window ?? PostSearchWindow.All).Condition(query));

    /// <summary>
    /// Post ids whose text matches a full-text expression in the provider's syntax (<see cref="FullTextSyntax"/>); on
    /// SQLite only those keyed inside <paramref name="window"/>, a range the FTS5 index seeks to.
    /// </summary>
    public static IQueryable<Guid> Matching(EarshotDbContext db, string expression, PostSearchWindow window)
    {
        if (db.Provider == DatabaseProvider.Postgres)
            return db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM posts WHERE search_vector @@ to_tsquery('english', {expression})");
        var (low, high) = (window.LowKey, window.HighKey);
        return db.Database.SqlQuery<Guid>(
            $"SELECT post_id AS \"Value\" FROM post_search_rows WHERE id IN (SELECT rowid FROM post_search WHERE post_search MATCH {expression} AND rowid >= {low} AND rowid < {high})");
    }

    /// <summary>The time of the newest and oldest post in SQLite's index (null when it is empty, or on PostgreSQL).</summary>
    public static async Task<(DateTime Newest, DateTime Oldest)?> IndexedSpanAsync(EarshotDbContext db, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
            return null;
        var newest = await db.Database.SqlQuery<long?>($"SELECT MAX(id) AS \"Value\" FROM post_search_rows").SingleAsync(cancellationToken);
        var oldest = await db.Database.SqlQuery<long?>($"SELECT MIN(id) AS \"Value\" FROM post_search_rows").SingleAsync(cancellationToken);
        return newest is { } high && oldest is { } low ? (PostSearchWindow.TimeOf(high), PostSearchWindow.TimeOf(low)) : null;
    }

    private sealed class Compiler(EarshotDbContext db, PostSearchWindow window)
    {
        private readonly FullTextSyntax _syntax = FullTextSyntax.For(db.Provider);

        public Expression<Func<Post, bool>> Condition(QueryNode node)
        {
            if (_syntax.Write(node) is { } indexed)
                return WithExactCase(node, Indexed(indexed));
            return node switch
            {
                AndNode and => And(and.Children),
                OrNode or => or.Children.Select(Condition).Aggregate(Or),
                NotNode not => Not(Condition(not.Child)),
                // An emoji or symbol the tokenizers drop: a plain substring test (case-sensitive on both databases).
                TermNode term => Contains(term.Text),
                PhraseNode phrase => phrase.Terms.Select(t => FullTextSyntax.Indexable(t.Text) ? Indexed(_syntax.Write(t)!) : Contains(t.Text)).Aggregate(And),
                NearNode near => And(Condition(near.Left), Condition(near.Right)),
                FieldNode field => Field(field),
                FollowersNode followers => Followers(followers),
                _ => throw new ArgumentException($"Unknown query node {node.GetType().Name}", nameof(node)),
            };
        }

        /// <summary>One index lookup for the text children, SQL for the rest.</summary>
        private Expression<Func<Post, bool>> And(IReadOnlyList<QueryNode> children)
        {
            var indexable = children.Where(c => _syntax.Write(c is NotNode n ? n.Child : c) is not null).ToList();
            var rest = children.Except(indexable).Select(Condition).ToList();
            if (indexable.Any(c => c is not NotNode) && _syntax.Write(new AndNode(indexable, indexable[0].Column)) is { } text)
                rest.Insert(0, WithExactCase(new AndNode(indexable, indexable[0].Column), Indexed(text)));
            else
                rest.InsertRange(0, indexable.Select(Condition));
            return rest.Aggregate(And);
        }

        private Expression<Func<Post, bool>> Indexed(string expression)
        {
            var ids = Matching(db, expression, window);
            return p => ids.Contains(p.Id);
        }

        /// <summary>{Apple}: the index ignores case, so the exact spelling is also required as written (positive terms only).</summary>
        private static Expression<Func<Post, bool>> WithExactCase(QueryNode node, Expression<Func<Post, bool>> indexed)
        {
            var exact = Positive(node).Where(t => t.ExactCase).Select(t => Contains(t.Text)).ToList();
            return exact.Count == 0 ? indexed : exact.Aggregate(indexed, And);
        }

        private static IEnumerable<TermNode> Positive(QueryNode node) => node switch
        {
            TermNode t => [t],
            PhraseNode p when p.Terms.All(t => t.ExactCase) => [new TermNode(string.Join(' ', p.Terms.Select(t => t.Text)), true, p.Column)],
            AndNode a => a.Children.SelectMany(Positive),
            _ => [],
        };

        private static Expression<Func<Post, bool>> Contains(string text) => p => p.Text.Contains(text);

        private static Expression<Func<Post, bool>> Field(FieldNode field)
        {
            var value = field.Value;
            switch (field.Field)
            {
                case QueryField.Author:
                    var server = value + "@%";
                    return p => p.Author!.Handle.ToLower() == value || EF.Functions.Like(p.Author!.Handle.ToLower(), server);
                case QueryField.Channel:
                    var kind = ChannelKinds.TryParse(value, out var parsed) ? parsed : throw new ArgumentException($"Unknown channel {value}", nameof(field));
                    return p => p.Channel!.Kind == kind;
                case QueryField.Lang:
                    var region = value + "-%";
                    return p => p.Language != null && (p.Language.ToLower() == value || EF.Functions.Like(p.Language.ToLower(), region));
                case QueryField.Is:
                    return value == "brand" ? p => p.IsBrand : p => p.InReplyToExternalId != null;
                case QueryField.Url:
                case QueryField.Site:
                    // A substring of the post's link or text: broader than the matcher's link parsing (documented).
                    var link = "%" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                    return p => EF.Functions.Like(p.Text.ToLower(), link, "\\") || (p.Url != null && EF.Functions.Like(p.Url.ToLower(), link, "\\"));
                default:
                    // country: no channel supplies one yet, so nothing matches (as in topics).
                    return p => false;
            }
        }

        private static Expression<Func<Post, bool>> Followers(FollowersNode node)
        {
            var v = node.Value;
            return node.Comparison switch
            {
                Comparison.Greater => p => p.Author!.Followers > v,
                Comparison.GreaterOrEqual => p => p.Author!.Followers >= v,
                Comparison.Less => p => p.Author!.Followers < v,
                Comparison.LessOrEqual => p => p.Author!.Followers <= v,
                _ => p => p.Author!.Followers == v,
            };
        }

        private static Expression<Func<Post, bool>> And(Expression<Func<Post, bool>> a, Expression<Func<Post, bool>> b) => Combine(a, b, Expression.AndAlso);

        private static Expression<Func<Post, bool>> Or(Expression<Func<Post, bool>> a, Expression<Func<Post, bool>> b) => Combine(a, b, Expression.OrElse);

        private static Expression<Func<Post, bool>> Not(Expression<Func<Post, bool>> a) => Expression.Lambda<Func<Post, bool>>(Expression.Not(a.Body), a.Parameters);

        private static Expression<Func<Post, bool>> Combine(Expression<Func<Post, bool>> a, Expression<Func<Post, bool>> b, Func<Expression, Expression, BinaryExpression> join)
        {
            var right = new Rebind(b.Parameters[0], a.Parameters[0]).Visit(b.Body);
            return Expression.Lambda<Func<Post, bool>>(join(a.Body, right), a.Parameters);
        }

        private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
        {
            protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
        }
    }
}
