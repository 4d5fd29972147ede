using System.Text;
using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.X;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Channels;

/// <summary>
/// The X filtered stream replayed from the documented payloads over chunked HTTP on 127.0.0.1 (keep-alives, a
/// duplicate, an edit, an operational disconnect), with the rule kept in place and recent search filling the gap.
/// </summary>
public sealed class XChannelTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task FilteredStream_ReconnectsAfterADisconnect_FillsTheGap_AndStoresEachPostOnce(DatabaseKind kind)
    {
        var stream = await File.ReadAllBytesAsync(SharedData.RequireFixture("twitter/filtered_stream.ndjson"));
        var search = await File.ReadAllTextAsync(SharedData.RequireFixture("twitter/search_recent_expanded.json"));
        var expected = Encoding.UTF8.GetString(stream).Split("\r\n").Where(l => l.Trim().Length > 0)
            .Select((line, n) => XStreamReader.Classify(line, n).Post?.ExternalId).OfType<string>()
            .Concat(XSearch.MapRecent(search).Posts.Select(p => p.ExternalId)).Distinct().Count();
        var rulesAdded = new List<string>();
        var searches = new List<string>();
        var streams = 0;

        var (x, address) = await LocalServer.StartAsync(server =>
        {
            server.MapGet("/2/tweets/search/stream/rules", () => Results.Json(new { meta = new { result_count = rulesAdded.Count } }));
            server.MapPost("/2/tweets/search/stream/rules", async (HttpContext context) =>
            {
                var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
                lock (rulesAdded)
                    rulesAdded.Add(body);
                return Results.Json(new { meta = new { summary = new { created = 1 } } }, statusCode: 201);
            });
            server.MapGet("/2/tweets/search/recent", (HttpContext context) =>
            {
                lock (searches)
                    searches.Add(context.Request.Query["since_id"].ToString());
                return Results.Text(search, "application/json");
            });
            server.MapGet("/2/tweets/search/stream", async (HttpContext context) =>
            {
                Assert.Equal("Bearer x-bearer", context.Request.Headers.Authorization.ToString());
                context.Response.ContentType = "application/json";
                if (Interlocked.Increment(ref streams) == 1)
                {
                    // The recorded stream, split into small chunks so JSON objects arrive in pieces.
                    for (var offset = 0; offset < stream.Length; offset += 37)
                    {
                        await context.Response.Body.WriteAsync(stream.AsMemory(offset, Math.Min(37, stream.Length - offset)));
                        await context.Response.Body.FlushAsync();
                        await Task.Delay(5);
                    }
                    return;
                }
                for (var i = 0; i < 3 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.WriteAsync("\r\n");
                    await context.Response.Body.FlushAsync();
                    await Task.Delay(100);
                }
            });
        });
        await using var _ = x;

        await using var app = await TestApp.StartAsync(kind, postgres, services => services.AddSingleton(new ConnectorHostOptions
        {
            ScanInterval = TimeSpan.FromMilliseconds(100),
        }));
        var registry = app.Services.GetRequiredService<ChannelRegistry>();
        var added = await registry.AddAsync("brand", ChannelKind.X, "x stream", JsonSerializer.SerializeToElement(new
        {
            base_url = address.ToString().TrimEnd('/'), bearer_token = "x-bearer", rule = "@AuroraMobile OR \"aurora mobile\" -is:retweet", stall_seconds = 5,
        }), CancellationToken.None);
        Assert.Empty(added.Errors);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await CountAsync(app) < expected || searches.Count == 0) && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        Assert.Equal(expected, await CountAsync(app));
        Assert.Contains("\"tag\":\"earshot:" + added.Channel!.Id.ToString("N") + "\"", rulesAdded[0], StringComparison.Ordinal);
        Assert.Contains("-is:retweet", rulesAdded[0], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(searches[0]), "the gap is filled from the newest stored post");
        var health = (await registry.ListAsync(CancellationToken.None)).Single().Health;
        Assert.Matches(@"^\d+ post reads ≈ \$\d+\.\d\d$", health.RateLimit);
    }

    private static async Task<int> CountAsync(TestApp app)
    {
        await using var db = app.Database.Target.CreateContext();
        return await db.Posts.CountAsync(p => p.Channel!.Kind == ChannelKind.X);
    }
}
