using Earshot.Core.Wording;

namespace Earshot.Core.Topics.Query;

/// <summary>Why a query does not parse, and where: Column is 1-based (UTF-16 units), one past the end for "missing" errors.</summary>
public sealed record QueryError(Phrase Said, int Column, string QueryText)
{
    /// <summary>The English of <see cref="Said"/>; pages and the API say it in the reader's language instead.</summary>
    public string Message => Said.ToString();

    /// <summary>Spaces then '^' under the offending column, to print below the query.</summary>
    public string CaretLine => new string(' ', Math.Max(0, Column - 1)) + "^";

    /// <summary>"Expected ')' at column 17", the query, and the caret line.</summary>
    public override string ToString() => $"{Message} at column {Column}\n{QueryText}\n{CaretLine}";
}

/// <summary>Thrown by <see cref="QueryParser.ParseOrThrow"/>; carries the same <see cref="QueryError"/>.</summary>
public sealed class QuerySyntaxException(QueryError error) : FormatException(error.ToString())
{
    public QueryError Error { get; } = error;
}

/// <summary>Either a parsed query or the first error found.</summary>
public sealed record QueryParseResult(QueryNode? Query, QueryError? Error)
{
    public bool Success => Query is not null;
}
