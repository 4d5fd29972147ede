namespace Earshot.Core.Topics.Query;

/// <summary>What one query may contain; exceeding a limit is a parse error, never a slow match.</summary>
public sealed record QueryLimits
{
    public static QueryLimits Default { get; } = new();

    public int MaxLength { get; init; } = 4096;

    /// <summary>Words, wildcards and fields counted together (a phrase counts each of its words).</summary>
    public int MaxTerms { get; init; } = 200;

    /// <summary>Keeps parsing and evaluation recursion far from the stack limit.</summary>
    public int MaxDepth { get; init; } = 64;

    public int MaxNearDistance { get; init; } = 100;

    /// <summary>Letters required before the first '*' or '?', so no wildcard scans most of the vocabulary.</summary>
    public int MinWildcardStem { get; init; } = 3;
}
