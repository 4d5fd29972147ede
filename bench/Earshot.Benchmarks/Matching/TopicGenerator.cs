namespace Earshot.Benchmarks.Matching;

/// <summary>
/// Listening topics as brands write them: brand spellings, handles and hashtags, complaint words, phrases,
/// wildcards, a NEAR on products and a NOT on noise; 20–40 terms each. A small share watch the airlines the
/// tweets talk about (so topics do match); the rest watch other brands, as most tenants would.
/// </summary>
internal static class TopicGenerator
{
    private static readonly string[][] Airlines =
    [
        ["united", "#united", "@united", "\"united airlines\""], ["delta", "@delta", "#delta", "\"delta air lines\""],
        ["jetblue", "@jetblue", "#jetblue", "\"jet blue\""], ["southwest", "@southwestair", "#southwest", "\"southwest airlines\""],
        ["\"american airlines\"", "@americanair", "#americanairlines", "americanair"], ["\"us airways\"", "@usairways", "usairways", "#usairways"],
        ["\"virgin america\"", "@virginamerica", "virginamerica", "#virginamerica"],
    ];

    private static readonly string[] BrandStems =
    [
        "acme", "globex", "initech", "hooli", "wonka", "cyberdyne", "tyrell", "soylent", "nakatomi", "vandelay", "dunder",
        "zorvex", "quantix", "novara", "lumina", "veltro", "orbix", "kestrel", "solvane", "brivia", "tandor", "marlo",
        "zephra", "crestal", "auralis", "fenwick", "halcyon", "ionis", "jorvik", "kalden", "lyric", "mirada", "nexor",
        "opaline", "pravda", "quorra", "rivana", "sable", "trelio", "umbra", "valora", "wexley", "xandor", "yarrow", "zelda",
    ];

    private static readonly string[] Suffixes = ["", "pay", "air", "bank", "mobile", "go", "one", "labs", "tv", "shop", "fit", "cloud"];

    private static readonly string[] Issues =
    [
        "cancel*", "delay*", "refund*", "\"customer service\"", "rude", "lost", "broken", "\"never again\"", "worst", "terrible",
        "awful", "complain*", "disappoint*", "\"on hold\"", "charg*", "fee", "fees", "crash*", "bug", "outage", "slow",
        "help", "support", "issue", "problem*", "fail*", "scam", "fraud", "late", "missing", "damaged", "stuck",
        "\"no response\"", "unacceptable", "ridiculous", "😡", "👎", "#fail", "sucks", "hate", "angry", "frustrat*",
        "compensat*", "voucher", "luggage", "baggage", "seat*", "flight*", "gate", "crew", "colo?r", "hours", "waiting",
    ];

    private static readonly string[] Products =
    [
        "app", "card", "rewards", "points", "miles", "wifi", "\"wi-fi\"", "lounge", "upgrade", "checkout", "delivery",
        "subscription", "premium", "website", "phone", "email", "account", "login", "password", "booking", "reservation*",
    ];

    private static readonly string[] Noise = ["job", "jobs", "hiring", "career*", "giveaway", "\"retweet to win\"", "contest", "sweepstakes", "stock"];

    public static List<string> Generate(int count, Random random, double airlineShare = 0.02)
    {
        var topics = new List<string>(count);
        for (var i = 0; i < count; i++)
            topics.Add(Topic(random, random.NextDouble() < airlineShare ? Airlines[random.Next(Airlines.Length)] : Brand(random)));
        return topics;
    }

    public static int CountTerms(string query) =>
        query.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Trim('(', ')') is not ("AND" or "OR" or "NOT" or "") && !w.StartsWith("NEAR/", StringComparison.Ordinal));

    private static string[] Brand(Random random)
    {
        var name = BrandStems[random.Next(BrandStems.Length)] + Suffixes[random.Next(Suffixes.Length)];
        return [name, "@" + name, "#" + name, $"\"{name} {Products[random.Next(8)].Trim('"')}\""];
    }

    private static string Topic(Random random, string[] brand)
    {
        var brandGroup = "(" + string.Join(" OR ", brand.Take(random.Next(2, brand.Length + 1))) + ")";
        var issues = Pick(Issues, random.Next(10, 20), random);
        var products = Pick(Products, random.Next(3, 7), random);
        var noise = Pick(Noise, random.Next(2, 5), random);
        var near = $"{brand[0]} NEAR/{random.Next(2, 6)}{(random.Next(4) == 0 ? "f" : "")} ({string.Join(" OR ", products)})";
        return $"({brandGroup} AND ({string.Join(" OR ", issues)}) OR {near}) AND NOT ({string.Join(" OR ", noise)})";
    }

    private static List<string> Pick(string[] from, int count, Random random) =>
        from.OrderBy(_ => random.Next()).Take(Math.Min(count, from.Length)).ToList();
}
