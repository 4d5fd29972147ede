using Earshot.Core.Posts;

namespace Earshot.Demo;

/// <summary>A post of the demo's story: who wrote which line, where and when.</summary>
internal sealed record DemoPost(string Id, DateTime At, DemoLines.Customer Author, ChannelKind Channel, DemoLines.Line Line, string? InReplyTo = null)
{
    public IncomingPost ToIncoming()
    {
        // An e-mail's author is an address, as the e-mail channel stores it.
        var author = Channel == ChannelKind.Email ? Author.Handle.Replace('_', '.') + "@mail.example" : Author.Handle;
        var raw = System.Text.Json.JsonSerializer.Serialize(new
        {
            id = Id, channel = Channel.WireName(), author, author_name = Author.Name, author_followers = Author.Followers,
            text = Line.Text, created_at = At, in_reply_to = InReplyTo, lang = Line.Language, demo = true,
        });
        return new IncomingPost
        {
            ExternalId = Id, Channel = Channel, Author = author, AuthorDisplayName = Author.Name, AuthorFollowers = Author.Followers,
            Text = Line.Text, CreatedAt = At, InReplyTo = InReplyTo, Language = Line.Language, RawPayload = raw,
        };
    }
}

/// <summary>
/// The demo's week, ending now: every opening line of <c>DemoPosts.tsv</c> once, from customers who write in its
/// language, on channels where people say such things, at the hours people post (busy evenings, quiet nights); and,
/// in the last forty minutes, a burst of posts about the network failing in Leeds, the incident in progress.
/// </summary>
internal static class DemoWeek
{
    public static readonly TimeSpan Length = TimeSpan.FromDays(7);

    /// <summary>How many posts each hour of the day gets, relative to the others (UTC, near enough to Europe's day).</summary>
    private static readonly double[] HourWeights = [1, .5, .3, .2, .2, .4, 1, 2, 3, 4, 4, 4, 5, 4, 4, 4, 4, 5, 5, 5, 5, 4, 3, 2];

    /// <summary>The incident: posts about the outage arrive from this long before now until a couple of minutes ago.</summary>
    public static readonly TimeSpan IncidentStart = TimeSpan.FromMinutes(42);

    public static IReadOnlyList<DemoPost> Openers(DateTime now, Random random)
    {
        var posts = new List<DemoPost>();
        var people = new CustomerPicker(random);
        var index = 0;
        foreach (var line in Shuffled(WeekLines, random))
            posts.Add(new DemoPost($"demo-{index++:0000}", TimeInWeek(now, random), people.Next(line.Language), ChannelFor(line, random), line));
        var outage = DemoLines.Of(DemoLines.Outage);
        for (var i = 0; i < outage.Count; i++)
        {
            // Slow at first, then more and more people notice.
            var share = Math.Sqrt((i + random.NextDouble()) / outage.Count);
            var at = now - IncidentStart + (IncidentStart - TimeSpan.FromMinutes(2)) * share;
            posts.Add(new DemoPost($"demo-{index++:0000}", at, people.Next("en"), OutageChannel(random), outage[i]));
        }
        return [.. posts.OrderBy(p => p.At)];
    }

    private static IEnumerable<DemoLines.Line> OpeningLines => DemoLines.Posts.Where(p => DemoLines.Openers.Contains(p.Kind));

    /// <summary>Every sixth opening line is held back from the week: the live demo's first new posts say something new.</summary>
    private static IEnumerable<DemoLines.Line> WeekLines => OpeningLines.Where((_, i) => i % 6 != 5);

    /// <summary>The live demo's lines in the order it posts them: first those the week held back, then any.</summary>
    public static IEnumerable<DemoLines.Line> LiveLines(Random random)
    {
        foreach (var line in Shuffled(OpeningLines.Where((_, i) => i % 6 == 5), random))
            yield return line;
        while (true)
        {
            foreach (var line in Shuffled(OpeningLines, random))
                yield return line;
        }
    }

    /// <summary>One new customer post for the live demo, written now.</summary>
    public static DemoPost Live(DateTime now, Random random, DemoLines.Line line) =>
        new($"demo-live-{Guid.CreateVersion7():N}", now, new CustomerPicker(random).Next(line.Language), ChannelFor(line, random), line);

    private static DateTime TimeInWeek(DateTime now, Random random)
    {
        while (true)
        {
            var day = now.Date.AddDays(-random.Next(0, 8));
            var at = day.AddHours(Pick(HourWeights, random)).AddSeconds(random.Next(3600));
            // The minutes before now belong to the live floor and the incident; older than a week is not this week.
            if (at < now.AddMinutes(-3) && at > now - Length)
                return at;
        }
    }

    /// <summary>Where people say such things: requests on X, e-mail and the web chat; praise in public; news on blogs.</summary>
    private static ChannelKind ChannelFor(DemoLines.Line line, Random random) => line.Kind switch
    {
        "complaint" => Weighted(random, (ChannelKind.X, 30), (ChannelKind.Email, 15), (ChannelKind.WebChat, 15), (ChannelKind.Mastodon, 10),
            (ChannelKind.Bluesky, 10), (ChannelKind.Reddit, 10), (ChannelKind.Facebook, 10)),
        "question" => Weighted(random, (ChannelKind.X, 25), (ChannelKind.WebChat, 25), (ChannelKind.Email, 15), (ChannelKind.Mastodon, 10),
            (ChannelKind.Bluesky, 10), (ChannelKind.Reddit, 15)),
        "chatter" or "competitor" => Weighted(random, (ChannelKind.X, 30), (ChannelKind.Rss, 20), (ChannelKind.Reddit, 20), (ChannelKind.Mastodon, 10),
            (ChannelKind.Bluesky, 10), (ChannelKind.Facebook, 10)),
        "suggestion" => Weighted(random, (ChannelKind.X, 30), (ChannelKind.Reddit, 25), (ChannelKind.Email, 15), (ChannelKind.Mastodon, 15), (ChannelKind.Bluesky, 15)),
        _ => Weighted(random, (ChannelKind.X, 40), (ChannelKind.Bluesky, 20), (ChannelKind.Mastodon, 15), (ChannelKind.Reddit, 10), (ChannelKind.Facebook, 15)),
    };

    private static ChannelKind OutageChannel(Random random) =>
        Weighted(random, (ChannelKind.X, 60), (ChannelKind.Bluesky, 20), (ChannelKind.Mastodon, 10), (ChannelKind.Reddit, 10));

    private static ChannelKind Weighted(Random random, params (ChannelKind Kind, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (kind, weight) in choices)
        {
            if (roll < weight)
                return kind;
            roll -= weight;
        }
        return choices[^1].Kind;
    }

    private static int Pick(double[] weights, Random random)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i])
                return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }

    private static List<T> Shuffled<T>(IEnumerable<T> items, Random random)
    {
        var list = items.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }

    /// <summary>Hands out the customers of a language in a shuffled round, so one person's posts are spread over the week.</summary>
    private sealed class CustomerPicker(Random random)
    {
        private readonly Dictionary<string, Queue<DemoLines.Customer>> _rounds = [];

        public DemoLines.Customer Next(string language)
        {
            if (!_rounds.TryGetValue(language, out var round) || round.Count == 0)
            {
                var speakers = DemoLines.Customers.Where(c => c.Language == language).ToList();
                if (speakers.Count == 0)
                    speakers = [.. DemoLines.Customers.Where(c => c.Language == "en")];
                _rounds[language] = round = new Queue<DemoLines.Customer>(Shuffled(speakers, random));
            }
            return round.Dequeue();
        }
    }
}
