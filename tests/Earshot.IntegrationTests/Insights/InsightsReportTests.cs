using System.Globalization;
using System.Net;
using System.Text.Json;
using Earshot.Core.Insights;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Insights;

/// <summary>
/// `GET /api/insights` and `earshot report insights` read rollups that the pipeline keeps; every figure must equal a
/// count over the stored posts, after posts arrive, after a topic is added later, and after everything runs twice.
/// </summary>
public sealed class InsightsReportTests(PostgresServer postgres)
{
    // (author, text, days ago): a brand (Aurora) and two competitors, people who keep praising or complaining,
    // switchers, gripes and delights; one post falls in the period before.
    private static readonly (string Author, string Text, double DaysAgo)[] Said =
    [
        ("ann", "Love the Aurora app, so easy to use!", 1.2),
        ("ann", "Aurora customer service was brilliant today, thank you", 2.2),
        ("ann", "Great signal with Aurora on the train, really impressed", 3.2),
        ("bob", "Aurora my bill is wrong again, terrible", 1.3),
        ("bob", "The Aurora app keeps crashing, awful", 2.3),
        ("bob", "Still no refund from Aurora, unacceptable and rude staff", 3.3),
        ("cat", "Switching to Vela, Aurora's prices are a joke", 1.4),
        ("dan", "Aurora's signal is awful, I've ported to Nimbus", 2.4),
        ("eve", "Vela has the best coverage, love it", 4.1),
        ("fay", "Nimbus customer service is terrible", 5.1),
        ("gil", "the battery drains so fast since the Aurora update, awful", 1.5),
        ("hal", "the battery also died on my Aurora phone, I hate it", 2.5),
        ("ivy", "Aurora support team never answers, horrible", 4.2),
        ("jon", "Aurora roaming charges in Spain were outrageous", 5.5),
        ("kim", "my Aurora bill doubled, disgusting", 9.0),
    ];

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task EveryFigure_EqualsACountOverThePosts_AfterATopicAddedLater_AndAfterRecountingTwice(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        foreach (var (name, query, topicKind) in new[] { ("Aurora", "aurora", "brand"), ("Vela", "vela", "competitor"), ("Nimbus", "nimbus", "competitor") })
            Assert.Equal(HttpStatusCode.Created, (await app.PostJsonAsync("/api/topics", JsonSerializer.Serialize(new { name, query, kind = topicKind }))).StatusCode);
        var now = DateTime.UtcNow;
        var posts = Said.Select((s, i) => new { id = "p" + i, channel = i % 3 == 0 ? "mastodon" : "x", author = s.Author, text = s.Text, lang = "en",
            created_at = now.AddDays(-s.DaysAgo).ToString("O", CultureInfo.InvariantCulture) }).ToList<object>();
        posts.Add(new { id = "brand", channel = "x", author = "AuroraHelp", text = "Aurora here: sorry, we will fix your bill", lang = "en",
            created_at = now.AddDays(-1).ToString("O", CultureInfo.InvariantCulture), is_brand = true });
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostJsonAsync("/api/posts", JsonSerializer.Serialize(posts))).StatusCode);
        await app.EnsureWorkspaceAsync("Elsewhere");
        await app.PostJsonAsync("/api/posts?workspace=Elsewhere", """{"id": "e1", "channel": "x", "author": "zed", "text": "Aurora is awful, switching to Vela"}""");
        await app.WaitForPipelineAsync();
        // A topic added after the posts: the rebuild matches the stored posts against it in the background.
        Assert.Equal(HttpStatusCode.Created, (await app.PostJsonAsync("/api/topics", """{"name": "Money", "query": "bill OR refund OR prices", "kind": "other"}""")).StatusCode);
        await RebuildsFinishedAsync(app);

        var report = await app.GetJsonAsync("/api/insights?workspace=default");
        await using var db = app.Database.Target.CreateContext();
        var workspace = await db.Workspaces.Where(w => w.Name == "default").Select(w => w.Id).SingleAsync();
        var counted = await CountedFromPosts.LoadAsync(db, workspace);
        CheckAgainst(report, counted);
        Assert.Equal("ann", report.GetProperty("evangelists")[0].GetProperty("author").GetString());
        Assert.Equal("bob", report.GetProperty("detractors")[0].GetProperty("author").GetString());
        Assert.Contains(report.GetProperty("gripes").EnumerateArray(), g => g.GetProperty("aspect").GetString() == "battery" && g.GetProperty("posts").GetInt64() == 2);
        Assert.Equal(["Nimbus", "Vela"], report.GetProperty("switchers").EnumerateArray().Select(s => s.GetProperty("competitor").GetString()!).Order());
        var money = await app.GetJsonAsync("/api/insights?workspace=default&topic=Money");
        var (from, to) = Period(money);
        Assert.Equal(counted.OfTopic("Money", from, to).Count(), money.GetProperty("posts").GetProperty("posts").GetInt64());
        Assert.True(money.GetProperty("posts").GetProperty("posts").GetInt64() >= 3, "the stored posts about bills, refunds and prices");

        // Everything counted again (a retried batch, a model re-labelling every post) changes no figure.
        var ids = await db.Posts.Select(p => p.Id).ToListAsync();
        await using (var again = app.Database.Target.CreateContext())
        {
            await using var transaction = await again.Database.BeginTransactionAsync();
            await Engine.Insights.RollupWriter.RecountAsync(again, ids, CancellationToken.None);
            await transaction.CommitAsync();
        }
        await app.Services.GetRequiredService<Engine.Pipeline.ClassifyStage>().ProcessAsync(ids, CancellationToken.None);
        Assert.Equal(report.ToString(), (await app.GetJsonAsync("/api/insights?workspace=default")).ToString());

        // The command line prints the same report.
        var cli = await EarshotProcess.RunAsync("report", "insights", "--json", "--workspace", "default", "--db", app.Database.DbArgument);
        Assert.Equal(0, cli.ExitCode);
        var printed = JsonDocument.Parse(cli.Output).RootElement;
        Assert.Equal(JsonSerializer.Serialize(report.GetProperty("share_of_voice")), JsonSerializer.Serialize(printed.GetProperty("share_of_voice")));
        Assert.Equal(JsonSerializer.Serialize(report.GetProperty("gripes")), JsonSerializer.Serialize(printed.GetProperty("gripes")));
    }

    internal static void CheckAgainst(JsonElement report, CountedFromPosts counted)
    {
        var (from, to) = Period(report);
        var now = counted.Between(from, to).ToList();
        var before = counted.Between(from - (to - from), from).ToList();
        var totals = report.GetProperty("posts");
        Assert.Equal(now.Count, totals.GetProperty("posts").GetInt64());
        Assert.Equal(now.Count(p => p.Sentiment == "negative"), totals.GetProperty("negative").GetInt64());
        Assert.Equal(now.Count(p => p.Sentiment == "positive"), totals.GetProperty("positive").GetInt64());
        Assert.Equal(before.Count, totals.GetProperty("previous_posts").GetInt64());
        var volume = report.GetProperty("volume").EnumerateArray().ToList();
        Assert.Equal(now.Count, volume.Sum(v => v.GetProperty("posts").GetInt64()));
        foreach (var point in volume.Where(v => v.GetProperty("posts").GetInt64() > 0))
        {
            var bucket = point.GetProperty("bucket").GetDateTime().ToUniversalTime();
            var step = report.GetProperty("bucket").GetString() == "hour" ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
            Assert.Equal(counted.Between(bucket, bucket + step).Count(), point.GetProperty("posts").GetInt64());
        }

        // Share of voice: the brand and competitor topics' posts, shares summing to 1, net sentiment.
        var shares = report.GetProperty("share_of_voice").EnumerateArray().ToList();
        var contenders = counted.Topics.Where(t => t.Kind is Core.Topics.TopicKind.Brand or Core.Topics.TopicKind.Competitor).Select(t => t.Name).Distinct().ToList();
        Assert.Equal(contenders.Order(), shares.Select(s => s.GetProperty("topic").GetString()!).Order());
        var all = contenders.Sum(c => counted.OfTopic(c, from, to).Count());
        foreach (var share in shares)
        {
            var mine = counted.OfTopic(share.GetProperty("topic").GetString()!, from, to).ToList();
            Assert.Equal(mine.Count, share.GetProperty("posts").GetInt64());
            Assert.Equal(all == 0 ? 0 : (double)mine.Count / all, share.GetProperty("share").GetDouble(), tolerance: 0.001);
            var net = mine.Count == 0 ? 0 : (double)(mine.Count(p => p.Sentiment == "positive") - mine.Count(p => p.Sentiment == "negative")) / mine.Count;
            Assert.Equal(net, share.GetProperty("net_sentiment").GetDouble(), tolerance: 0.001);
        }
        if (all > 0)
            Assert.Equal(1.0, shares.Sum(s => s.GetProperty("share").GetDouble()), tolerance: 0.001);

        // Gripes and delights: per aspect, over the whole days of the period; no aspect left out counts more.
        var days = report.GetProperty("aspects_and_people");
        var (daysFrom, daysTo) = (days.GetProperty("from").GetDateTime().ToUniversalTime(), days.GetProperty("to").GetDateTime().ToUniversalTime());
        foreach (var (section, sentiment) in new[] { ("gripes", "negative"), ("delights", "positive") })
        {
            var expected = counted.Aspects(sentiment, daysFrom, daysTo);
            var previous = counted.Aspects(sentiment, daysFrom - (daysTo - daysFrom), daysFrom);
            var listed = report.GetProperty(section).EnumerateArray().ToList();
            foreach (var aspect in listed)
            {
                var name = aspect.GetProperty("aspect").GetString()!;
                Assert.Equal(expected[name], aspect.GetProperty("posts").GetInt64());
                Assert.Equal(previous.GetValueOrDefault(name), aspect.GetProperty("previous_posts").GetInt64());
                Assert.Equal(!previous.ContainsKey(name) && previous.Count > 0, aspect.GetProperty("new").GetBoolean());
                foreach (var example in aspect.GetProperty("examples").EnumerateArray())
                    Assert.Contains(counted.Posts, p => p.Id == example.GetProperty("id").GetGuid() && p.Aspects.Contains(name) && p.Sentiment == sentiment);
            }
            Assert.Equal(Math.Min(expected.Count, 10), listed.Count);
            if (listed.Count > 0)
                Assert.DoesNotContain(expected, e => e.Value > listed[^1].GetProperty("posts").GetInt64() && !listed.Any(l => l.GetProperty("aspect").GetString() == e.Key));
        }

        // Evangelists and detractors: the brand's posts per person over the days, two at least, leaning one way.
        var brand = counted.Topics.Where(t => t.Kind == Core.Topics.TopicKind.Brand).Select(t => t.Name).FirstOrDefault();
        var brandPosts = (brand is null ? counted.Between(daysFrom, daysTo) : counted.OfTopic(brand, daysFrom, daysTo)).GroupBy(p => p.AuthorId).ToList();
        foreach (var (section, sentiment, other) in new[] { ("evangelists", "positive", "negative"), ("detractors", "negative", "positive") })
        {
            var expected = brandPosts.Where(g => g.Count() >= 2 && g.Count(p => p.Sentiment == sentiment) >= 2 && g.Count(p => p.Sentiment == sentiment) > g.Count(p => p.Sentiment == other))
                .ToDictionary(g => g.Key, g => g.Count());
            // A person is an author on one network: the same handle elsewhere may be someone else.
            var listed = report.GetProperty(section).EnumerateArray().ToDictionary(p => p.GetProperty("author_id").GetGuid(), p => (int)p.GetProperty("posts").GetInt64());
            if (expected.Count <= 10)
                Assert.Equal(expected.OrderBy(e => e.Key), listed.OrderBy(e => e.Key));
        }

        // Switchers: posts with the churn cue in each competitor topic.
        foreach (var switcher in report.GetProperty("switchers").EnumerateArray())
        {
            var name = switcher.GetProperty("competitor").GetString()!;
            Assert.Equal(counted.OfTopic(name, from, to).Count(p => p.Switcher), switcher.GetProperty("posts").GetInt64());
        }
        var switching = counted.Topics.Where(t => t.Kind == Core.Topics.TopicKind.Competitor)
            .Count(t => counted.OfTopic(t.Name, from, to).Any(p => p.Switcher));
        Assert.Equal(switching, report.GetProperty("switchers").GetArrayLength());
    }

    internal static (DateTime From, DateTime To) Period(JsonElement report) =>
        (report.GetProperty("from").GetDateTime().ToUniversalTime(), report.GetProperty("to").GetDateTime().ToUniversalTime());

    private static async Task RebuildsFinishedAsync(TestApp app) =>
        await Wait.UntilAsync(async () =>
        {
            await using var db = app.Database.Target.CreateContext();
            return await db.RollupRebuilds.AllAsync(r => r.Status == RollupRebuildStatuses.Done);
        }, "the rollups re-counted for the new topic");
}
