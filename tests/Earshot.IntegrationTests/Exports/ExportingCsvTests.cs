using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Earshot.Core.Posts;
using Earshot.Exports;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Exports;

/// <summary>
/// Lists and reports downloaded as CSV, from the API and from the pages' links, read back by another CSV library and
/// compared with the rows the database holds: every matching row once, quoting intact, formulas defused, filters and
/// workspaces honoured.
/// </summary>
public sealed class ExportingCsvTests(PostgresServer postgres)
{
    /// <summary>What posters write that a careless export breaks or a spreadsheet runs.</summary>
    private static readonly string[] Texts =
    [
        "plain words",
        "a comma, inside",
        "she said \"hello\" twice",
        "two\nlines and more",
        "=HYPERLINK(\"https://evil.example\",\"click\")",
        "+1 555 0100 call me",
        "-2+3 is my rating",
        "@SUM(A1:A2)",
        "ünïcödé ✓ refund",
    ];

    private static readonly DateTime Start = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Posts_Csv_EveryMatchingPostOnceQuotedAndGuarded(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        // More than one export batch, so the labels are looked up more than once.
        await IngestAsync(app, "default", "api", ExportBatch + 50);
        await IngestAsync(app, "default", "mastodon", 30);
        await IngestAsync(app, "other", "api", 20, "other brand's post");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/posts?channel=api&workspace=default");
        request.Headers.Accept.ParseAdd("text/csv");
        var csv = await CsvRows.ReadAsync(await app.Http.SendAsync(request));
        var expected = await StoredPostsAsync(app, "default", ChannelKind.Api);

        Assert.Equal(PostsCsv.Columns, csv.Header);
        Assert.Equal(ExportBatch + 50, expected.Count);
        Assert.Equal(expected.Count, csv.Rows.Count);
        Assert.Equal(expected.Keys.Order(), csv.Rows.Select(r => Guid.Parse(r["id"])).Order());
        Assert.All(csv.Rows, row => Assert.Equal(Guarded(expected[Guid.Parse(row["id"])]), row["text"]));
        Assert.Equal(csv.Rows.Select(r => r["created_at"]).OrderDescending(StringComparer.Ordinal), csv.Rows.Select(r => r["created_at"]));
        Assert.Contains(csv.Rows, r => r["text"] == "'=HYPERLINK(\"https://evil.example\",\"click\")");
        Assert.Contains(csv.Rows, r => r["text"] == "'-2+3 is my rating");
        Assert.Contains("\"she said \"\"hello\"\" twice", csv.Body, StringComparison.Ordinal);
        Assert.Contains("\"two\nlines and more", csv.Body, StringComparison.Ordinal);
        Assert.StartsWith(string.Join(',', PostsCsv.Columns) + "\r\n", csv.Body, StringComparison.Ordinal);

        var mastodon = await CsvRows.ReadAsync(await app.Http.GetAsync("/api/posts?format=csv&channel=mastodon&limit=5"));
        Assert.Equal(30, mastodon.Rows.Count);
        Assert.All(mastodon.Rows, r => Assert.Equal("mastodon", r["channel"]));

        var window = await CsvRows.ReadAsync(await app.Http.GetAsync("/api/posts?format=csv&workspace=default&channel=api&from=2026-03-01T01:00:00Z&to=2026-03-01T02:00:00Z"));
        Assert.Equal(60, window.Rows.Count);
        Assert.All(window.Rows, r => Assert.StartsWith("2026-03-01T01:", r["created_at"], StringComparison.Ordinal));

        var searched = await CsvRows.ReadAsync(await app.Http.GetAsync("/api/posts?format=csv&workspace=default&q=refund"));
        Assert.Equal((await StoredPostsAsync(app, "default", null)).Values.Count(t => t.Contains("refund", StringComparison.Ordinal)), searched.Rows.Count);
        Assert.All(searched.Rows, r => Assert.Contains("refund", r["text"], StringComparison.Ordinal));

        var refused = await app.Http.GetAsync("/api/posts?format=csv&channel=fax");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Posts_Csv_AnAnalystExportsTheirWorkspaceAndNoOther(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await IngestAsync(app, "default", "api", 40);
        await IngestAsync(app, "other", "api", 25, "other brand's post");
        var analyst = await app.ClientForAsync("ana@default.test", "analyst", "default");

        var csv = await CsvRows.ReadAsync(await analyst.GetAsync("/api/posts?format=csv"));
        var asked = await CsvRows.ReadAsync(await analyst.GetAsync("/api/posts?format=csv&workspace=other"));

        Assert.Equal((await StoredPostsAsync(app, "default", ChannelKind.Api)).Keys.Order(), csv.Rows.Select(r => Guid.Parse(r["id"])).Order());
        Assert.All(csv.Rows, r => Assert.Equal("default", r["workspace"]));
        Assert.DoesNotContain("other brand", csv.Body, StringComparison.Ordinal);
        Assert.Empty(asked.Rows);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Cases_and_reports_Csv_hold_what_their_json_lists(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "c-1", "alice", Complaint, followers: 50);
        await PostAsync(app, "c-2", "bob", Outage, followers: 5_000);
        await PostAsync(app, "c-3", "carol", "=1+1, \"broken\" again. " + Complaint);
        await WaitForCasesAsync(app.Http, 3);
        var analyst = await app.ClientForAsync("ana@default.test", "analyst", "default");

        var listed = new Dictionary<string, string>();
        string? cursor = null;
        do
        {
            var page = await GetAsync(analyst, "/api/cases?status=all&limit=1" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            foreach (var item in page.GetProperty("items").EnumerateArray())
                listed[item.GetProperty("id").GetString()!] = item.GetProperty("subject").GetString()!;
            cursor = page.GetProperty("next_cursor").ValueKind == JsonValueKind.String ? page.GetProperty("next_cursor").GetString() : null;
        }
        while (cursor is not null);
        var cases = await CsvRows.ReadAsync(await analyst.GetAsync("/api/cases?status=all&format=csv"));
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<EarshotDbContext>>().CreateDbContextAsync())
            Assert.Equal(await db.Cases.CountAsync(), cases.Rows.Count);
        Assert.Equal(CasesCsv.Columns, cases.Header);
        Assert.Equal(listed.Keys.Order(StringComparer.Ordinal), cases.Rows.Select(r => r["id"]).Order(StringComparer.Ordinal));
        Assert.All(cases.Rows, r => Assert.Equal(Guarded(listed[r["id"]]), r["subject"]));

        var fairnessJson = await GetAsync(analyst, "/api/reports/fairness");
        var fairness = await CsvRows.ReadAsync(await analyst.GetAsync("/api/reports/fairness?format=csv"));
        var overall = fairness.Rows.Where(r => r["scope"] == "overall").ToList();
        Assert.Equal(fairnessJson.GetProperty("tiers").EnumerateObject().Select(t => (t.Name, t.Value.GetProperty("requests").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture))),
            overall.Select(r => (r["tier"], r["requests"])));
        Assert.Equal(3, overall.Sum(r => int.Parse(r["requests"], System.Globalization.CultureInfo.InvariantCulture)));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/response-times");
        request.Headers.Accept.ParseAdd("application/json;q=0.5");
        request.Headers.Accept.ParseAdd("text/csv");
        var times = await CsvRows.ReadAsync(await analyst.SendAsync(request));
        var timesJson = await GetAsync(analyst, "/api/reports/response-times");
        Assert.Equal(["kind", "group", .. ReportsCsv.StatsColumns], times.Header);
        Assert.Equal(timesJson.GetProperty("overall").GetProperty("requests").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), times.Rows[0]["requests"]);
        Assert.Equal(1 + new[] { "teams", "agents", "channels", "intents" }.Sum(g => timesJson.GetProperty(g).EnumerateObject().Count()), times.Rows.Count);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Pages_DownloadCsv_CarriesTheFiltersShown(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await IngestAsync(app, "default", "api", 12);
        await IngestAsync(app, "default", "mastodon", 7);
        await PostAsync(app, "c-1", "alice", Complaint);
        await PostAsync(app, "c-2", "bob", Outage);
        await WaitForCasesAsync(app.Http, 2);
        // Some of the other posts open cases too: the count is the database's once the pipeline is done.
        await app.WaitForPipelineAsync();
        int stored;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<EarshotDbContext>>().CreateDbContextAsync())
            stored = await db.Cases.CountAsync();
        await app.ClientForAsync("ana@default.test", "analyst", "default");
        var pages = await app.PagesAsync("ana@default.test", "password-analyst");

        var mentions = await CsvRows.ReadAsync(await pages.GetAsync(DownloadLink(await pages.GetStringAsync("/mentions?channel=mastodon&limit=3"), "download-csv")));
        Assert.Equal(7, mentions.Rows.Count);
        Assert.All(mentions.Rows, r => Assert.Equal("mastodon", r["channel"]));

        var inboxLink = DownloadLink(await pages.GetStringAsync("/inbox?status=all"), "download-csv");
        Assert.Contains("status=all", inboxLink, StringComparison.Ordinal);
        var inbox = await CsvRows.ReadAsync(await pages.GetAsync(inboxLink));
        Assert.Equal(stored, inbox.Rows.Count);

        var report = await pages.GetStringAsync("/reports/fairness?days=7");
        var fairness = await CsvRows.ReadAsync(await pages.GetAsync(DownloadLink(report, "download-fairness-csv")));
        var times = await CsvRows.ReadAsync(await pages.GetAsync(DownloadLink(report, "download-times-csv")));
        Assert.Contains("days=7", DownloadLink(report, "download-times-csv"), StringComparison.Ordinal);
        // The last 7 days hold the two cases opened now; the ingested posts (and any case of theirs) are from March.
        Assert.Equal(2, fairness.Rows.Where(r => r["scope"] == "overall").Sum(r => int.Parse(r["requests"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("overall", times.Rows[0]["kind"]);
    }

    private const int ExportBatch = Earshot.Posts.PostSearch.ExportBatch;

    /// <summary>What a spreadsheet cell holds for a stored text: a formula-like start defused with an apostrophe.</summary>
    private static string Guarded(string text) => text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;

    /// <summary>Posts <paramref name="count"/> posts a minute apart from <see cref="Start"/>, cycling through <see cref="Texts"/>.</summary>
    private static async Task IngestAsync(TestApp app, string workspace, string channel, int count, string? text = null)
    {
        await app.EnsureWorkspaceAsync(workspace);
        var posts = Enumerable.Range(0, count).Select(i => new Dictionary<string, object>
        {
            ["id"] = $"{workspace}-{channel}-{i}", ["channel"] = channel, ["author"] = $"user{i % 13}",
            ["text"] = text ?? Texts[i % Texts.Length], ["created_at"] = Start.AddMinutes(i).ToString("O"),
        });
        var response = await app.PostJsonAsync("/api/posts?workspace=" + workspace, JsonSerializer.Serialize(posts));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The posts the database holds for a workspace and channel, read without the app's search: id to text.</summary>
    private static async Task<Dictionary<Guid, string>> StoredPostsAsync(TestApp app, string workspace, ChannelKind? channel)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EarshotDbContext>>().CreateDbContextAsync();
        var workspaceId = await db.Workspaces.Where(w => w.Name == workspace).Select(w => w.Id).SingleAsync();
        return await db.Posts.Where(p => p.WorkspaceId == workspaceId && !p.IsDeleted && (channel == null || p.Channel!.Kind == channel)).ToDictionaryAsync(p => p.Id, p => p.Text);
    }

    private static string DownloadLink(string html, string id)
    {
        var match = Regex.Match(html, $"<a href=\"([^\"]+)\" id=\"{id}\"");
        Assert.True(match.Success, $"no link #{id} on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
