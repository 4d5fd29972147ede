using System.Net;
using System.Text.Json;
using Earshot.Core.Topics.Query;
using Earshot.Engine.Pipeline;
using Earshot.IntegrationTests.Access;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Earshot.Storage.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Posts;

/// <summary>`GET /api/posts?q=` with the listening query language, answered by each database's full-text index.</summary>
public sealed class SearchingPostsTests(PostgresServer postgres)
{
    private static int s_minute;

    private static string Post(string id, string text, string author = "someone", string? lang = null, string channel = "api")
    {
        var minute = Interlocked.Increment(ref s_minute) % 1440;
        var post = new Dictionary<string, object?>
        {
            ["id"] = id, ["channel"] = channel, ["author"] = author, ["text"] = text,
            ["created_at"] = $"2026-03-01T{minute / 60:00}:{minute % 60:00}:00Z",
        };
        if (lang is not null)
            post["lang"] = lang;
        return JsonSerializer.Serialize(post);
    }

    private static async Task StoreAsync(TestApp app, params string[] posts) =>
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostJsonAsync("/api/posts", "[" + string.Join(',', posts) + "]")).StatusCode);

    /// <summary>Follows next_cursor from <paramref name="url"/> to the end; each item's <paramref name="field"/>, in order.</summary>
    private static async Task<List<string>> AllPagesAsync(TestApp app, string url, string field)
    {
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await app.GetJsonAsync(url + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(field).GetString()!));
            cursor = page.GetProperty("next_cursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        return seen;
    }

    private static async Task<List<string>> TextsAsync(TestApp app, string query, string extra = "")
    {
        var page = await app.GetJsonAsync("/api/posts?limit=200&q=" + Uri.EscapeDataString(query) + extra);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()!).ToList();
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_PluralWord_FindsTheSingularByStemming(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await StoreAsync(app, Post("s1", "I want a refund now"), Post("s2", "Refunded at last"), Post("s3", "lovely weather"));

        var found = await TextsAsync(app, "refunds");

        Assert.Equal(["Refunded at last", "I want a refund now"], found);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_Near_FindsWordsWithinTheDistanceOnly(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await StoreAsync(app,
            Post("n1", "they charged me twice for one ticket"),
            Post("n2", "charged my card and then, a week later, twice more"),
            Post("n3", "twice they charged"));

        var near = await TextsAsync(app, "charged NEAR/2 twice");
        var plain = await TextsAsync(app, "charged twice");

        Assert.Equal(["twice they charged", "they charged me twice for one ticket"], near);
        Assert.Equal(3, plain.Count);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_WildcardAndNotPhrase_ExcludesThePhraseOnly(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await StoreAsync(app,
            Post("w1", "refunds take forever"),
            Post("w2", "refund to a gift card only?"),
            Post("w3", "the refundable fare, a card and a gift"),
            Post("w4", "no money back"));

        var found = await TextsAsync(app, "refund* AND NOT \"gift card\"");

        Assert.Equal(["the refundable fare, a card and a gift", "refunds take forever"], found);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_AuthorAndLangFields_FilterBesideTheWords(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await StoreAsync(app,
            Post("f1", "delay again", author: "Jane", lang: "en-GB"),
            Post("f2", "delay again", author: "bob", lang: "en"),
            Post("f3", "encore du retard, delay", author: "jane", lang: "fr", channel: "mastodon"));

        var byJane = await TextsAsync(app, "delay author:jane");
        var english = await TextsAsync(app, "delay lang:en");
        var notFrench = await TextsAsync(app, "author:@JANE NOT lang:fr");
        var onMastodon = await TextsAsync(app, "channel:mastodon OR author:bob");

        Assert.Equal(2, byJane.Count);
        Assert.Equal(2, english.Count);
        Assert.Equal(["delay again"], notFrench);
        Assert.Equal(2, onMastodon.Count);
        Assert.Contains("encore du retard, delay", onMastodon);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_MalformedQuery_Answers400NamingQAndTheColumn(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);

        var response = await app.Http.GetAsync("/api/posts?q=" + Uri.EscapeDataString("(delay OR cancel"));
        var problem = await TestApp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(17, problem.GetProperty("column").GetInt32());
        Assert.Equal("q", problem.GetProperty("field").GetString());
        Assert.Contains("Expected ')' at column 17", problem.GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_CursorPages_ReachEveryMatchOnce(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var posts = Enumerable.Range(0, 23).Select(i => Post($"p{i}", i % 3 == 0 ? $"nothing to see {i}" : $"flight {i} was delayed")).ToArray();
        await StoreAsync(app, posts);

        var seen = await AllPagesAsync(app, "/api/posts?limit=4&channel=api&q=delay", "id");

        Assert.Equal(15, seen.Count);
        Assert.Equal(15, seen.Distinct().Count());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_PostsYearsApartAndInOneSecond_ComeNewestFirstAcrossEveryPage(DatabaseKind kind)
    {
        // From before 1970 to minutes ago, six in one second, sent out of order: the windows of time the index is read
        // in must widen to reach them all, and keep their order across pages.
        await using var app = await TestApp.StartAsync(kind, postgres);
        var now = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var times = new List<DateTime> { new(1965, 5, 1, 0, 0, 0, DateTimeKind.Utc), now.AddYears(-6), now.AddDays(-400), now.AddDays(-30), now.AddDays(-2), now.AddHours(-3), now.AddMinutes(-20) };
        times.AddRange(Enumerable.Range(1, 6).Select(i => now.AddMilliseconds(100 * i)));
        var shuffle = new Random(7);
        var posts = times.Select((t, i) => (Id: $"w{i}", Text: $"delay report {i}", At: t))
            .Concat(times.Select((t, i) => (Id: $"d{i}", Text: $"on time {i}", At: t.AddSeconds(1))))
            .OrderBy(_ => shuffle.Next()).ToList();
        await StoreAsync(app, posts.Select(p => JsonSerializer.Serialize(new { id = p.Id, channel = "api", author = "someone", text = p.Text, created_at = p.At })).ToArray());

        var seen = await AllPagesAsync(app, "/api/posts?limit=3&q=delay", "text");

        Assert.Equal(times.Select((t, i) => (t, i)).OrderByDescending(x => x.t).Select(x => $"delay report {x.i}"), seen);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_EditedAndDeletedPosts_FoundByNewTextOnlyAndDeletedNever(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await StoreAsync(app, Post("e1", "my suitcase is lost"), Post("e2", "my suitcase arrived broken"));

        await StoreAsync(app, Post("e1", "my luggage turned up after all"));
        using (var scope = app.Services.CreateScope())
        {
            await using var db = scope.ServiceProvider.GetRequiredService<EarshotDbContext>();
            var channel = await db.Channels.Where(c => c.Kind == Core.Posts.ChannelKind.Api).Select(c => c.Id).FirstAsync();
            await scope.ServiceProvider.GetRequiredService<IngestService>().MarkDeletedAsync(channel, ["e2"], CancellationToken.None);
        }

        Assert.Equal(["my luggage turned up after all"], await TextsAsync(app, "luggage"));
        Assert.Empty(await TextsAsync(app, "suitcase"));
        Assert.Empty(await TextsAsync(app, "broken"));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_PostsFromTheBulkImport_AreIndexed(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        var file = Path.Combine(Path.GetTempPath(), $"earshot-search-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 50).Select(i => Post($"imp{i}", i == 17 ? "the boarding passes never arrived" : $"ordinary post {i}")));
        try
        {
            var result = await EarshotProcess.RunAsync("import", file, "--db", database.DbArgument);
            Assert.Equal(0, result.ExitCode);
        }
        finally
        {
            File.Delete(file);
        }

        await using var db = database.Target.CreateContext();
        var found = await db.Posts.Where(db, QueryParser.ParseOrThrow("\"boarding pass\" arrive")).Select(p => p.ExternalId).ToListAsync();

        Assert.Equal(["imp17"], found);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_AnotherBrandsPosts_NeverAppear(DatabaseKind kind)
    {
        var brands = await TwoBrands.StartAsync(kind, postgres);
        await using var app = brands.App;

        var acme = await (await brands.AcmeLead.GetAsync("/api/posts?q=globex OR launch OR leak*")).Content.ReadAsStringAsync();
        var globex = await (await brands.GlobexLead.GetAsync("/api/posts?q=globex OR launch OR leak*")).Content.ReadAsStringAsync();

        Assert.Equal(0, JsonDocument.Parse(acme).RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(1, JsonDocument.Parse(globex).RootElement.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Search_QuotesEmojiAndExactCase_AreSearchedNeverParsedAsSql(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await StoreAsync(app, Post("q1", "don't cancel my plan 👍"), Post("q2", "Apple Pay broke again"), Post("q3", "apple pie recipe"));

        var apostrophe = await TextsAsync(app, "don't cancel*");
        var emoji = await TextsAsync(app, "👍");
        var exact = await TextsAsync(app, "{Apple}");
        var hostile = await app.Http.GetAsync("/api/posts?q=" + Uri.EscapeDataString("x' OR 1=1; DROP TABLE posts; -- \\\"\" NEAR(a b)*"));

        Assert.Equal(["don't cancel my plan 👍"], apostrophe);
        Assert.Equal(["don't cancel my plan 👍"], emoji);
        Assert.Equal(["Apple Pay broke again"], exact);
        Assert.True(hostile.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"answered {(int)hostile.StatusCode}");
        Assert.Equal(3, (await app.GetJsonAsync("/api/posts")).GetProperty("items").GetArrayLength());
    }
}
