using Earshot.Core.Topics.Query;

namespace Earshot.Core.Topics.Matching;

/// <summary>A range of characters in a post's text.</summary>
public readonly record struct TextRange(int Start, int Length);

/// <summary>
/// Finds the words to highlight in a sample: every occurrence of the query's terms, phrases and wildcards
/// that are not under a NOT. NEAR operands are highlighted wherever they occur.
/// </summary>
internal static class Highlighter
{
    public static IReadOnlyList<TextRange> Highlight(QueryNode query, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new SnapshotBuilder();
        builder.Add(Guid.Empty, query);
        var snapshot = builder.Build();
        var ctx = new MatchContext();
        snapshot.Scan(new MatchInput(text), ctx);
        var positions = new SortedSet<int>();
        TopicProgram.VisitPositive(snapshot.Code, snapshot.Topics[0].Offset, leaf =>
        {
            var start = ctx.SpanCount;
            var count = TopicProgram.PushSpans(snapshot.Code, leaf, ctx);
            for (var i = 0; i < count; i++)
            {
                var span = ctx.Spans[start + i];
                for (var p = MatchContext.Start(span); p <= MatchContext.End(span); p++)
                {
                    if (p >= 0)
                        positions.Add(p);
                }
            }
            ctx.SpanCount = start;
        });
        var ranges = new List<TextRange>(positions.Count);
        foreach (var p in positions)
        {
            ref var token = ref ctx.Tokens.Tokens[p];
            ranges.Add(new TextRange(token.Start, token.Length));
        }
        return ranges;
    }
}
