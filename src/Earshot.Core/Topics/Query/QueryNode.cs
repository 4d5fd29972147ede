namespace Earshot.Core.Topics.Query;

/// <summary>A parsed listening query. Column is the 1-based position in the query text where the node starts.</summary>
public abstract record QueryNode(int Column);

/// <summary>
/// One word as the matcher sees it, already folded (lower case, no accents) unless <paramref name="ExactCase"/>:
/// a plain word, "#tag", "@handle", "$cash" or an emoji.
/// </summary>
public sealed record TermNode(string Text, bool ExactCase, int Column) : QueryNode(Column);

/// <summary>Words that must appear next to each other, in order.</summary>
public sealed record PhraseNode(IReadOnlyList<TermNode> Terms, int Column) : QueryNode(Column);

/// <summary>A folded word pattern: '*' any run of characters, '?' exactly one; at least 3 characters before the first.</summary>
public sealed record WildcardNode(string Pattern, int Column) : QueryNode(Column);

/// <summary>A post attribute: author, channel, lang, country, is, url, site. Value is normalised for comparison.</summary>
public sealed record FieldNode(QueryField Field, string Value, int Column) : QueryNode(Column)
{
    /// <summary>The key the matcher indexes, e.g. "author:jane".</summary>
    public string Key => $"{FieldNames.Of(Field)}:{Value}";
}

/// <summary>followers:&gt;1000 and friends: a numeric condition on the author's follower count.</summary>
public sealed record FollowersNode(Comparison Comparison, long Value, int Column) : QueryNode(Column)
{
    public bool Accepts(long? followers) => followers is { } f && Comparison switch
    {
        Comparison.Greater => f > Value,
        Comparison.GreaterOrEqual => f >= Value,
        Comparison.Less => f < Value,
        Comparison.LessOrEqual => f <= Value,
        _ => f == Value,
    };
}

public sealed record AndNode(IReadOnlyList<QueryNode> Children, int Column) : QueryNode(Column);

public sealed record OrNode(IReadOnlyList<QueryNode> Children, int Column) : QueryNode(Column);

public sealed record NotNode(QueryNode Child, int Column) : QueryNode(Column);

/// <summary>
/// Left and Right occur with at most <paramref name="Distance"/> words between them; in either order,
/// or Left first when <paramref name="Ordered"/> (NEAR/3f).
/// </summary>
public sealed record NearNode(QueryNode Left, QueryNode Right, int Distance, bool Ordered, int Column) : QueryNode(Column);

public enum QueryField { Author, Channel, Lang, Country, Is, Url, Site }

public enum Comparison { Greater, GreaterOrEqual, Less, LessOrEqual, Equal }

public static class FieldNames
{
    public static string Of(QueryField field) => field switch
    {
        QueryField.Author => "author",
        QueryField.Channel => "channel",
        QueryField.Lang => "lang",
        QueryField.Country => "country",
        QueryField.Is => "is",
        QueryField.Url => "url",
        _ => "site",
    };
}
