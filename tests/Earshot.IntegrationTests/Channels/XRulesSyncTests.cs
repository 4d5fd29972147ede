using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.X;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.Engine.Topics;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>
/// The workspace's topics become X stream rules on a fake rules endpoint (127.0.0.1): one per expressible topic,
/// tagged with the channel and topic; stale Earshot rules deleted; rules someone else made left alone; a rule X
/// refuses reported without holding the others back; a changed topic replaces its rule on the next run.
/// </summary>
public sealed class XRulesSyncTests(PostgresServer postgres)
{
    [Fact]
    public async Task Run_TopicsChange_RulesFollow_OthersUntouched()
    {
        var rules = new FakeXRules();
        var search = await File.ReadAllTextAsync(SharedData.RequireFixture("twitter/search_recent_empty.json"));
        var (x, address) = await LocalServer.StartAsync(server =>
        {
            rules.Map(server);
            server.MapGet("/2/tweets/search/recent", () => Results.Text(search, "application/json"));
            server.MapGet("/2/tweets/search/stream", async (HttpContext context) =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("\r\n\r\n"); // two keep-alives, then X closes: a healthy, short run
            });
        });
        await using var _ = x;
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, services => services.AddSingleton(new ConnectorHostOptions
        {
            ScanInterval = TimeSpan.FromHours(1), // this test runs the channel itself
        }));
        var added = await app.Services.GetRequiredService<ChannelRegistry>().AddAsync("brand", ChannelKind.X, "x topics", JsonSerializer.SerializeToElement(new
        {
            base_url = address.ToString().TrimEnd('/'), bearer_token = "x-bearer", rule = "acme INVALID", stall_seconds = 5,
        }), CancellationToken.None);
        Assert.Empty(added.Errors);
        var channel = added.Channel!;
        var handMade = rules.Seed("cat images", null);
        var tagged = rules.Seed("dog has:images", "dogs with images");
        var otherChannel = rules.Seed("other", XRulePlanner.TopicTag(Guid.CreateVersion7(), Guid.CreateVersion7()));
        var stale = rules.Seed("old topic", XRulePlanner.TopicTag(channel.Id, Guid.CreateVersion7()));

        var acme = await SaveTopicAsync(app, channel.WorkspaceId, "acme", "acme (refund OR \"money back\")");
        var seats = await SaveTopicAsync(app, channel.WorkspaceId, "seats", "seat NEAR/3 broken");
        await SaveTopicAsync(app, channel.WorkspaceId, "fediverse", "refund channel:mastodon");
        await SaveTopicAsync(app, channel.WorkspaceId, "same as a hand-made rule", "cat images");
        await RunAsync(app, channel.Id);

        var after = rules.Rules;
        Assert.Contains(after, r => r.Id == handMade && r.Tag is null);
        Assert.Contains(after, r => r.Id == tagged && r.Tag == "dogs with images");
        Assert.Contains(after, r => r.Id == otherChannel);
        Assert.DoesNotContain(after, r => r.Id == stale);
        Assert.Contains(("acme (refund OR \"money back\")", XRulePlanner.TopicTag(channel.Id, acme)), after.Select(r => (r.Value, r.Tag)));
        Assert.Contains(("seat broken", XRulePlanner.TopicTag(channel.Id, seats)), after.Select(r => (r.Value, r.Tag)));
        Assert.Equal(5, after.Count); // three not ours, two topics; not the mastodon one, not a copy of "cat images", not the refused rule
        var rejected = XRejections.Read(await CursorAsync(app, channel.Id));
        Assert.Equal([(XRulePlanner.ChannelTag(channel.Id), "acme INVALID")], rejected.Select(r => (r.Tag, r.Value)));
        Assert.Contains("invalid operator", rejected[0].Message, StringComparison.Ordinal);

        rules.Requests.Clear();
        await SaveTopicAsync(app, channel.WorkspaceId, "seats", "seat broken OR #seatfail");
        await RunAsync(app, channel.Id);

        after = rules.Rules;
        Assert.Contains(("(seat broken) OR #seatfail", XRulePlanner.TopicTag(channel.Id, seats)), after.Select(r => (r.Value, r.Tag)));
        Assert.DoesNotContain(after, r => r.Value == "seat broken");
        Assert.Contains(after, r => r.Value == "acme (refund OR \"money back\")");
        var posts = rules.Requests.Where(r => r.StartsWith("POST", StringComparison.Ordinal)).ToList();
        Assert.Single(posts, p => p.Contains("\"delete\"", StringComparison.Ordinal));
        Assert.DoesNotContain(posts, p => p.Contains("money back", StringComparison.Ordinal)); // unchanged rules are not sent again
    }

    [Fact]
    public async Task XRulesCommand_ShowsEachTopicsRule_AndWhatCannotBeExpressed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        var db = database.DbArgument;

        await EarshotProcess.RunAsync("topics", "add", "seats", "seat NEAR/3 broken", "--workspace", "brand", "--db", db);
        await EarshotProcess.RunAsync("topics", "add", "acme", "acme -is:brand OR \"acme pay\"", "--workspace", "brand", "--db", db);
        await EarshotProcess.RunAsync("topics", "add", "quiet", "NOT spam", "--workspace", "brand", "--db", db);
        var add = await EarshotProcess.RunAsync("channels", "add", "x", "--bearer-token", "x-bearer", "--name", "x brand", "--rule-max-length", "1024", "--workspace", "brand", "--db", db);
        var shown = await EarshotProcess.RunAsync("channels", "x-rules", "x brand", "--db", db);
        var unknown = await EarshotProcess.RunAsync("channels", "x-rules", "nothing", "--db", db);

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.True(shown.ExitCode == 0, shown.Error);
        Assert.Contains("seats\tseat broken\tbroader on X, filtered locally: NEAR/3 broadened to AND", shown.Output, StringComparison.Ordinal);
        Assert.Contains("quiet\t(no rule)\tcannot be expressed: an X rule needs something to include", shown.Output, StringComparison.Ordinal);
        Assert.Contains("acme\t", shown.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no X channel is named 'nothing'", unknown.Error, StringComparison.Ordinal);
    }

    private static async Task<Guid> SaveTopicAsync(TestApp app, Guid workspaceId, string name, string query)
    {
        await using var db = app.Database.Target.CreateContext();
        return (await TopicStore.SaveAsync(db, workspaceId, name, query, null, DateTime.UtcNow, CancellationToken.None)).Topic.Id;
    }

    private static async Task RunAsync(TestApp app, Guid channelId)
    {
        var connector = app.Services.GetServices<IChannelConnector>().OfType<XConnector>().Single();
        await app.Services.GetRequiredService<ConnectorHost>().RunChannelAsync(channelId, connector, CancellationToken.None);
        var health = (await app.Services.GetRequiredService<ChannelRegistry>().ListAsync(CancellationToken.None)).Single(c => c.Id == channelId).Health;
        Assert.True(health.ConsecutiveFailures == 0, health.LastError);
    }

    private static async Task<string?> CursorAsync(TestApp app, Guid channelId)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.Channels.Where(c => c.Id == channelId).Select(c => c.Cursor).SingleAsync();
    }
}
