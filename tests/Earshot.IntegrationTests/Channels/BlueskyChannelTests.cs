using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Earshot.Connectors;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>A recorded Jetstream capture replayed over a real WebSocket on 127.0.0.1.</summary>
public sealed class BlueskyChannelTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Jetstream_KeepsMatchingPosts_HonoursDeletes_AndResumesBeforeItsCursor(DatabaseKind kind)
    {
        var lines = (await File.ReadAllLinesAsync(SharedData.RequireFixture("bluesky/jetstream_v1_wanted_posts.jsonl"))).Where(l => l.Length > 0).ToList();
        var boring = JsonNode.Parse(lines.First(l => l.Contains("My show is super boring", StringComparison.Ordinal)))!;
        var maxTime = lines.Select(l => JsonNode.Parse(l)!["time_us"]!.GetValue<long>()).Max();
        var delete = new JsonObject
        {
            ["did"] = boring["did"]!.GetValue<string>(),
            ["time_us"] = maxTime + 1,
            ["kind"] = "commit",
            ["commit"] = new JsonObject { ["rev"] = "zzz", ["operation"] = "delete", ["collection"] = "app.bsky.feed.post", ["rkey"] = boring["commit"]!["rkey"]!.GetValue<string>() },
        }.ToJsonString();
        var connections = new List<string>();
        var matcher = new Earshot.Core.Topics.Matching.TopicMatcher();
        matcher.AddOrUpdate(Guid.Empty, "government OR boring");
        var expected = lines.Select(l => Earshot.Connectors.Bluesky.Jetstream.Parse(l).Post).OfType<IncomingPost>().Count(post =>
        {
            var hits = new List<Guid>();
            matcher.Match(Earshot.Core.Topics.Matching.MatchInput.From(post), hits);
            return hits.Count > 0;
        });

        var (jetstream, address) = await LocalServer.StartAsync(server =>
        {
            server.UseWebSockets();
            server.Map("/subscribe", async (HttpContext context) =>
            {
                lock (connections)
                    connections.Add(context.Request.QueryString.Value ?? "");
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                var first = connections.Count == 1;
                foreach (var line in first ? lines : [delete])
                    await socket.SendAsync(Encoding.UTF8.GetBytes(line), WebSocketMessageType.Text, true, context.RequestAborted);
                if (first)
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                else
                    await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { });
            });
        });
        await using var _ = jetstream;

        await using var app = await TestApp.StartAsync(kind, postgres, services => services.AddSingleton(new ConnectorHostOptions { ScanInterval = TimeSpan.FromMilliseconds(100) }));
        var added = await app.Services.GetRequiredService<ChannelRegistry>().AddAsync("brand", ChannelKind.Bluesky, "jetstream",
            JsonSerializer.SerializeToElement(new { jetstream_url = $"ws://{address.Authority}/subscribe", query = "government OR boring", stall_seconds = 5 }),
            CancellationToken.None);
        Assert.Empty(added.Errors);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !(await HiddenAsync(app)).Any())
            await Task.Delay(50);

        await using var db = app.Database.Target.CreateContext();
        var posts = await db.Posts.Where(p => p.Channel!.Kind == ChannelKind.Bluesky).Select(p => new { p.Text, p.IsDeleted }).ToListAsync();
        Assert.InRange(expected, 2, lines.Count - 1);
        Assert.Equal(expected, posts.Count);
        Assert.Single(posts, p => p.IsDeleted);
        Assert.Contains(posts, p => p.Text.Contains("My show is super boring", StringComparison.Ordinal) && p.IsDeleted);
        Assert.All(posts.Where(p => !p.IsDeleted), p => Assert.Contains("government", p.Text, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("cursor=", connections[0], StringComparison.Ordinal);
        Assert.Contains($"cursor={maxTime - 5_000_000}", connections[1], StringComparison.Ordinal);
        Assert.Contains("wantedCollections=app.bsky.feed.post", connections[1], StringComparison.Ordinal);
    }

    private static async Task<List<string>> HiddenAsync(TestApp app)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.Posts.Where(p => p.Channel!.Kind == ChannelKind.Bluesky && p.IsDeleted).Select(p => p.ExternalId).ToListAsync();
    }
}
