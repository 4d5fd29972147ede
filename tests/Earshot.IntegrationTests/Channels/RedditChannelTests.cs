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

/// <summary>A subreddit polled through a fake Reddit (OAuth token, listing, rate-limit headers) on 127.0.0.1.</summary>
public sealed class RedditChannelTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Subreddit_IsPolledWithAnAppToken_NewPostsStoredOnce_RateLimitShown(DatabaseKind kind)
    {
        var listing = JsonNode.Parse(await File.ReadAllTextAsync(SharedData.RequireFixture("reddit/listing_new_first_page_2016_trimmed.json")))!;
        var children = listing["data"]!["children"]!.AsArray();
        var tokenRequests = 0;
        var authorizations = new List<string>();

        var (reddit, address) = await LocalServer.StartAsync(server =>
        {
            server.MapPost("/api/v1/access_token", (HttpContext context) =>
            {
                tokenRequests++;
                var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("app-id:app-secret"));
                return context.Request.Headers.Authorization == expected
                    ? Results.Json(new { access_token = "reddit-token", token_type = "bearer", expires_in = 86400, scope = "*" })
                    : Results.Json(new { error = "invalid_grant" });
            });
            server.MapGet("/r/brand/new", (HttpContext context) =>
            {
                lock (authorizations)
                    authorizations.Add(context.Request.Headers.Authorization.ToString());
                context.Response.Headers["x-ratelimit-remaining"] = "997.0";
                context.Response.Headers["x-ratelimit-reset"] = "15";
                context.Response.Headers["x-ratelimit-used"] = "3";
                lock (children)
                    return Results.Text(listing.ToJsonString(), "application/json; charset=UTF-8");
            });
        });
        await using var _ = reddit;

        await using var app = await TestApp.StartAsync(kind, postgres, services => services.AddSingleton(new ConnectorHostOptions
        {
            ScanInterval = TimeSpan.FromMilliseconds(100),
            FirstBackoff = TimeSpan.FromMilliseconds(200),
        }));
        var registry = app.Services.GetRequiredService<ChannelRegistry>();
        var added = await registry.AddAsync("brand", ChannelKind.Reddit, "r/brand", JsonSerializer.SerializeToElement(new
        {
            base_url = address.ToString(), auth_url = address.ToString(), client_id = "app-id", client_secret = "app-secret", subreddit = "brand", interval_seconds = 1,
        }), CancellationToken.None);
        Assert.Empty(added.Errors);

        await Wait.UntilAsync(async () => await CountAsync(app) == 2, "the listing's posts are stored");
        var fresh = children[0]!.DeepClone();
        fresh["data"]!["name"] = "t3_new001";
        fresh["data"]!["id"] = "new001";
        fresh["data"]!["title"] = "Aurora outage again?";
        fresh["data"]!["created_utc"] = children[0]!["data"]!["created_utc"]!.GetValue<double>() + 60;
        lock (children)
            children.Insert(0, fresh);
        await Wait.UntilAsync(async () => await CountAsync(app) == 3, "a new post is stored");
        await Task.Delay(1500);

        Assert.Equal(3, await CountAsync(app));
        Assert.Equal(1, tokenRequests);
        lock (authorizations)
            Assert.All(authorizations, header => Assert.Equal("Bearer reddit-token", header));
        var health = (await registry.ListAsync(CancellationToken.None)).Single().Health;
        Assert.Equal("997 requests left", health.RateLimit);
        Assert.Equal(0, health.ConsecutiveFailures);
        await using var db = app.Database.Target.CreateContext();
        Assert.True(await db.Posts.AnyAsync(p => p.ExternalId == "t3_new001" && p.Text.Contains("Aurora outage again?")));
    }

    [Fact]
    public async Task ATokenEndpointAnsweringWithAnHtmlPage_IsAClearChannelError()
    {
        var (reddit, address) = await LocalServer.StartAsync(server =>
            server.MapPost("/api/v1/access_token", () => Results.Content("<html><body><h1>503 Service Unavailable</h1></body></html>", "text/html", statusCode: 503)));
        await using var _ = reddit;
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, postgres, services => services.AddSingleton(new ConnectorHostOptions
        {
            ScanInterval = TimeSpan.FromMilliseconds(100),
            FirstBackoff = TimeSpan.FromMilliseconds(200),
        }));
        var registry = app.Services.GetRequiredService<ChannelRegistry>();
        var added = await registry.AddAsync("brand", ChannelKind.Reddit, "r/brand", JsonSerializer.SerializeToElement(new
        {
            base_url = address.ToString(), auth_url = address.ToString(), client_id = "app-id", client_secret = "app-secret", subreddit = "brand", interval_seconds = 1,
        }), CancellationToken.None);
        Assert.Empty(added.Errors);

        await Wait.UntilAsync(async () => (await registry.ListAsync(CancellationToken.None)).Single().Health.ConsecutiveFailures >= 1, "the failure is recorded");
        var error = (await registry.ListAsync(CancellationToken.None)).Single().Health.LastError;
        Assert.StartsWith("Reddit refused the app's credentials (", error, StringComparison.Ordinal);
        Assert.DoesNotContain("JsonException", error, StringComparison.Ordinal);
    }

    private static async Task<int> CountAsync(TestApp app)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.Posts.CountAsync(p => p.Channel!.Kind == ChannelKind.Reddit);
    }

}
