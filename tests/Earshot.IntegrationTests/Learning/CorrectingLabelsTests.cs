using System.Net;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Learning;

/// <summary>An agent corrects a post's sentiment and intent; the correction is kept with who and when, and shown.</summary>
public sealed class CorrectingLabelsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task CorrectLabels_ByAgent_DisplayedLabelFollowsAndHistoryKept(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "p-1", "ana", "How do I change my billing address?");
        var postId = await ClassifiedPostIdAsync(app, "p-1");
        var agent = await app.ClientForAsync("agent@brand.test", "agent", "default");

        var first = await SendAsync(agent, HttpMethod.Post, $"/api/posts/{postId}/labels", new { sentiment = "negative", intent = "complaint" });
        var second = await SendAsync(agent, HttpMethod.Post, $"/api/posts/{postId}/labels", new { intent = "question" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var labels = (await GetAsync(app.Http, $"/api/posts/{postId}")).GetProperty("post").GetProperty("labels");
        Assert.Equal(("negative", "question"), (labels.GetProperty("sentiment").GetString(), labels.GetProperty("intent").GetString()));
        await using (var db = app.Database.Target.CreateContext())
        {
            var history = await db.LabelledExamples.Where(e => e.PostId == postId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
            Assert.Equal(3, history.Count);
            // The two labels of one correction share a time, so only the corrections' order is defined.
            Assert.Equal([("intent", "complaint"), ("sentiment", "negative")], history.Take(2).Select(e => (e.Task, e.Label)).Order());
            Assert.Equal(("intent", "question"), (history[2].Task, history[2].Label));
            Assert.All(history, e => Assert.Equal(app.UserIdAsync("agent@brand.test").Result, e.UserId));
        }
        var page = await (await app.PagesAsync("agent@brand.test", "password-agent")).GetStringAsync($"/posts/{postId}");
        Assert.Contains("intent → <strong>question</strong>", page, StringComparison.Ordinal);
        // The label shown is the agent's: who and when, not the model's score and version beside it.
        Assert.Matches("id=\"corrected-by\">· corrected by [^<]+, ", page);
        Assert.Contains("The model's reading below is from before the correction.", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain("· model ", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task CorrectLabels_BadLabelAnalystOrOtherWorkspace_Refused(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        await PostAsync(app, "p-1", "ana", "thanks, that fixed it");
        var postId = await ClassifiedPostIdAsync(app, "p-1");
        var analyst = await app.ClientForAsync("analyst@brand.test", "analyst", "default");
        var outsider = await app.ClientForAsync("agent@acme.test", "agent", "acme");
        var reader = await app.ClientForAsync("reader@brand.test", "agent", "default", scope: "read");

        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(app.Http, HttpMethod.Post, $"/api/posts/{postId}/labels", new { sentiment = "furious" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(app.Http, HttpMethod.Post, $"/api/posts/{postId}/labels", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(analyst, HttpMethod.Post, $"/api/posts/{postId}/labels", new { sentiment = "negative" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(reader, HttpMethod.Post, $"/api/posts/{postId}/labels", new { sentiment = "negative" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(outsider, HttpMethod.Post, $"/api/posts/{postId}/labels", new { sentiment = "negative" })).StatusCode);
        await using var db = app.Database.Target.CreateContext();
        Assert.Equal(0, await db.LabelledExamples.CountAsync());
    }

    private static async Task<Guid> ClassifiedPostIdAsync(TestApp app, string externalId)
    {
        Guid id = default;
        await Wait.UntilAsync(async () =>
        {
            await using var db = app.Database.Target.CreateContext();
            id = await db.Posts.Where(p => p.ExternalId == externalId).Select(p => p.Id).FirstOrDefaultAsync();
            return id != default && await db.Classifications.AnyAsync(c => c.PostId == id);
        }, $"post {externalId} is classified");
        return id;
    }
}
