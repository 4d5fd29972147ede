using Earshot.Core.Topics.Query;
using Earshot.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Earshot.Api;

/// <summary>`/api/search`: one listening query across posts, cases and customers of the caller's workspaces.</summary>
public static class SearchApi
{
    public static void MapSearchApi(this WebApplication app)
    {
        app.MapGet("/api/search", SearchAsync).RequireAuthorization().WithTags("Search").WithName("Search")
            .ProducesValidationProblem()
            .WithDescription("`q` in the listening query language (docs/QUERY-LANGUAGE.md). Answers the posts that match, the cases whose posts match or whose subject contains `q`, and the customers whose handle or name contains it, each with its total `count` and its first 20 `items`. A malformed query answers 400 naming `q`, with the `column` of the error.");
    }

    private static async Task<Results<Ok<SearchResults>, ValidationProblem>> SearchAsync(
        [FromQuery] string? q, EarshotDbContext db, CancellationToken cancellationToken)
    {
        if (ParseProblem(q, out var query) is { } problem)
            return problem;
        return TypedResults.Ok(await GlobalSearch.FindAsync(db, q!.Trim(), query!, cancellationToken));
    }

    /// <summary>400 naming q (and the column, for a query that does not parse); null when q parses.</summary>
    public static ValidationProblem? ParseProblem(string? q, out QueryNode? query)
    {
        query = null;
        if (string.IsNullOrWhiteSpace(q))
            return ApiProblems.Invalid(new Dictionary<string, Phrase[]> { ["q"] = [new Phrase("write something to search for")] },
                extensions: new Dictionary<string, object?> { ["field"] = "q" });
        if (QueryParser.TryParse(q, out query, out var error))
            return null;
        return ApiProblems.Invalid(new Dictionary<string, Phrase[]> { ["q"] = [TopicsApi.QueryMessage(error!)] },
            extensions: new Dictionary<string, object?> { ["field"] = "q", ["column"] = error!.Column });
    }
}
