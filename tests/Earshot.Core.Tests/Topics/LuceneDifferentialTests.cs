using Earshot.Core.Topics.Matching;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Earshot.Core.Tests.Topics;

/// <summary>
/// Random queries over a small vocabulary and random posts: Earshot's match set must equal Lucene's on the
/// operators both have (terms, phrases, AND, OR, AND NOT, prefix and '?' wildcards, NEAR as "a b"~n OR "b a"~n).
/// </summary>
public sealed class LuceneDifferentialTests
{
    [Property(MaxTest = 300, Arbitrary = [typeof(DifferentialCases)])]
    public void Match_RandomQueriesAndPosts_EqualsLucene(DifferentialCase sample)
    {
        var lucene = LuceneOracle.Match(sample.Queries.Select(q => q.Lucene).ToList(), sample.Posts);

        for (var q = 0; q < sample.Queries.Length; q++)
        {
            var matcher = new TopicMatcher();
            var id = Guid.NewGuid();
            Assert.Null(matcher.AddOrUpdate(id, sample.Queries[q].Earshot));
            var earshot = new HashSet<int>();
            var result = new List<Guid>();
            for (var p = 0; p < sample.Posts.Length; p++)
            {
                result.Clear();
                matcher.Match(new MatchInput(sample.Posts[p]), result);
                if (result.Count > 0)
                    earshot.Add(p);
            }
            Assert.True(lucene[q].SetEquals(earshot),
                $"Query {sample.Queries[q].Earshot} / {sample.Queries[q].Lucene}: Lucene [{string.Join(",", lucene[q].Order())}] Earshot [{string.Join(",", earshot.Order())}]");
        }
    }
}

public sealed record QueryPair(string Earshot, string Lucene);

public sealed record DifferentialCase(QueryPair[] Queries, string[] Posts)
{
    public override string ToString() =>
        string.Join("\n", Queries.Select(q => $"Q: {q.Earshot}  ||  {q.Lucene}")) + "\n" + string.Join("\n", Posts.Select((p, i) => $"P{i}: {p}"));
}

public static class DifferentialCases
{
    // Each word with the spellings posts and queries may use (case and accents must not matter).
    private static readonly string[][] Words =
    [
        ["delay", "Delay", "DELAY"], ["delayed", "Delayed"], ["flight", "Flight"], ["bag", "BAG"], ["lost", "Lost"],
        ["cafe", "café", "Café", "CAFÉ"], ["strasse", "straße"], ["crew", "Crew"], ["seat", "seats"], ["gate", "Gate"],
        ["cancel", "Cancel"], ["cancelled", "CANCELLED"], ["cancels"], ["colour", "Colour"], ["color"], ["rude"],
    ];

    private static readonly string[] Wildcards = ["canc*", "cancel*", "del*", "delay*", "colo?r", "col*r", "sea*", "fli?ht"];

    private static readonly string[] Separators = [" ", " ", " ", ", ", ". ", "! ", " - "];

    private static Gen<string> Spelling => Gen.Elements(Words).SelectMany(w => Gen.Elements(w));

    private static Gen<string> Canonical => Gen.Elements(Words).Select(w => w[0]);

    private static Gen<QueryPair> Leaf =>
        Gen.Frequency(
            (5, Spelling.Select(t => new QueryPair(t, t))),
            (2, Gen.Two(Spelling).Select(p => new QueryPair($"\"{p.Item1} {p.Item2}\"", $"\"{p.Item1} {p.Item2}\""))),
            (2, Gen.Elements(Wildcards).Select(w => new QueryPair(w, w))),
            (2, from a in Canonical
                from b in Canonical.Where(b => b != a)
                from n in Gen.Choose(0, 4)
                select new QueryPair($"{a} NEAR/{n} {b}", $"(\"{a} {b}\"~{n} OR \"{b} {a}\"~{n})")));

    private static Gen<QueryPair> Query(int depth) =>
        depth <= 0
            ? Leaf
            : Gen.Frequency(
                (3, Leaf),
                (2, Gen.Two(Gen.Sized(_ => Query(depth - 1))).Select(p => new QueryPair($"({p.Item1.Earshot} AND {p.Item2.Earshot})", $"({p.Item1.Lucene} AND {p.Item2.Lucene})"))),
                (2, Gen.Two(Gen.Sized(_ => Query(depth - 1))).Select(p => new QueryPair($"({p.Item1.Earshot} {p.Item2.Earshot})", $"({p.Item1.Lucene} AND {p.Item2.Lucene})"))),
                (3, Gen.Two(Gen.Sized(_ => Query(depth - 1))).Select(p => new QueryPair($"({p.Item1.Earshot} OR {p.Item2.Earshot})", $"({p.Item1.Lucene} OR {p.Item2.Lucene})"))),
                (2, Gen.Two(Gen.Sized(_ => Query(depth - 1))).Select(p => new QueryPair($"({p.Item1.Earshot} AND NOT {p.Item2.Earshot})", $"({p.Item1.Lucene} AND NOT {p.Item2.Lucene})"))));

    private static Gen<string> Post =>
        from length in Gen.Choose(1, 14)
        from words in Gen.ArrayOf(Spelling, length)
        from separators in Gen.ArrayOf(Gen.Elements(Separators), length)
        select string.Concat(words.Select((w, i) => i == 0 ? w : separators[i] + w));

    public static Arbitrary<DifferentialCase> Cases() =>
        (from queries in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Query(3), n))
         from posts in Gen.Choose(1, 25).SelectMany(n => Gen.ArrayOf(Post, n))
         select new DifferentialCase(queries, posts)).ToArbitrary();
}
