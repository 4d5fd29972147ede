using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Earshot.Connectors;
using Earshot.Connectors.Bluesky;
using Earshot.Connectors.Mastodon;
using Earshot.Connectors.Reddit;
using Earshot.Connectors.X;
using Earshot.Core.Posts;
using Earshot.Engine.Channels;
using Earshot.Engine.Pipeline;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Channels;

/// <summary>
/// An agent answers, through the API, a case opened by a post heard on Mastodon, Bluesky, X or Reddit: the fake
/// network on 127.0.0.1 receives the reply, the case records the id the network gave it, and the channel counts it.
/// </summary>
public sealed class SocialRepliesTests(PostgresServer postgres)
{
    /// <summary>One network: the channel's settings, a recorded post from it, how the fake answers, and what it should receive.</summary>
    private sealed record Network(ChannelKind Kind, Func<Uri, Dictionary<string, string>> Settings, Func<IncomingPost> Post,
        Func<ReceivedRequest, FakeAnswer> Answer, string ReplyPath, string ExternalId);

    [Theory]
    [InlineData(DatabaseKind.Sqlite, "mastodon")]
    [InlineData(DatabaseKind.Postgres, "mastodon")]
    [InlineData(DatabaseKind.Sqlite, "bluesky")]
    [InlineData(DatabaseKind.Postgres, "bluesky")]
    [InlineData(DatabaseKind.Sqlite, "x")]
    [InlineData(DatabaseKind.Postgres, "x")]
    [InlineData(DatabaseKind.Sqlite, "reddit")]
    [InlineData(DatabaseKind.Postgres, "reddit")]
    public async Task AgentReply_GoesOutOnThePostsNetwork_AndTheNetworksIdIsRecorded(DatabaseKind kind, string networkName)
    {
        var network = Networks[networkName];
        await using var fake = await FakeNetwork.StartAsync(network.Answer);
        await using var app = await TestApp.StartAsync(kind, postgres);
        var (channelId, post) = await HearAsync(app, network, fake);
        var caseId = (await WaitForCasesAsync(app.Http, 1, "new"))[0].GetProperty("id").GetGuid();
        var agent = await app.ClientForAsync("ben.stone@brand.test", "agent", "default");

        var sent = await SendAsync(agent, HttpMethod.Post, $"/api/cases/{caseId}/replies", new { text = "Sorry about that, a replacement is on its way." });

        var body = await sent.Content.ReadAsStringAsync();
        Assert.True(sent.IsSuccessStatusCode, body);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("sent", network.ExternalId), (answer.GetProperty("delivery").GetString(), answer.GetProperty("external_id").GetString()));
        var received = Assert.Single(fake.Requests, r => r.Path == network.ReplyPath);
        // The post answered, as the network names it (Mastodon: our server's id for it, found by search).
        Assert.Contains(network.Kind == ChannelKind.Mastodon ? "900000000000000001" : post.ExternalId.Split('/')[^1], received.Body, StringComparison.Ordinal);
        Assert.Contains("a replacement is on its way", received.Body.Replace('+', ' '), StringComparison.Ordinal);
        var history = await GetAsync(app.Http, $"/api/cases/{caseId}");
        Assert.Contains(network.ExternalId, history.GetRawText(), StringComparison.Ordinal);
        var health = (await app.GetJsonAsync("/api/channels")).EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == channelId).GetProperty("health");
        Assert.Equal(1, health.GetProperty("replies_sent").GetInt64());
        if (network.Kind == ChannelKind.X)
        {
            // X bills each reply: the operator sees the count and its cost beside the reads.
            var list = await EarshotProcess.RunAsync("channels", "list", "--db", app.Database.DbArgument);
            Assert.Contains("\treplies 1 ≈ $0.01\t", list.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReplyCredentials_FromTheCommandLine_ValidatedTogetherEncryptedAndRepliesListed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        var db = new[] { "--db", database.DbArgument };

        var halfBluesky = await EarshotProcess.RunAsync(["channels", "add", "bluesky", "--query", "brand", "--identifier", "brand.example.com", .. db]);
        var halfReddit = await EarshotProcess.RunAsync(["channels", "add", "reddit", "--client-id", "id", "--client-secret", "s", "--subreddit", "brand", "--username", "brand_care", .. db]);
        var x = await EarshotProcess.RunAsync(["channels", "add", "x", "--bearer-token", "app-only-123", "--rule", "@brand -is:retweet", "--user-token", "user-token-456", .. db]);
        var bluesky = await EarshotProcess.RunAsync(["channels", "add", "bluesky", "--query", "brand", "--identifier", "brand.example.com", "--app-password", "app-pass-789", .. db]);
        var reddit = await EarshotProcess.RunAsync(["channels", "add", "reddit", "--client-id", "id", "--client-secret", "s", "--subreddit", "brand",
            "--username", "brand_care", "--password", "reddit-pass-000", .. db]);
        var list = await EarshotProcess.RunAsync(["channels", "list", .. db]);

        Assert.Equal((1, 1), (halfBluesky.ExitCode, halfReddit.ExitCode));
        Assert.Contains("app_password: replies need the account's identifier", halfBluesky.Error, StringComparison.Ordinal);
        Assert.Contains("password: give the account's username and password together", halfReddit.Error, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), (x.ExitCode, bluesky.ExitCode, reddit.ExitCode));
        Assert.Contains("\tx\tx: @brand -is:retweet\t", list.Output, StringComparison.Ordinal);
        Assert.Contains("\treplies 0 ≈ $0.00\t", list.Output, StringComparison.Ordinal);
        await using var context = database.Target.CreateContext();
        var stored = string.Join("\n", context.Channels.Select(c => c.SettingsJson));
        foreach (var secret in new[] { "user-token-456", "app-pass-789", "reddit-pass-000" })
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AgentReply_ToAnXAuthorWhoDidNotMentionTheBrand_AgentSeesWhyAndNothingIsCounted(DatabaseKind kind)
    {
        await using var fake = await FakeNetwork.StartAsync(request => request.Path == "/2/tweets"
            ? new FakeAnswer(403, FakeNetwork.Fixture("twitter/error_403_reply_not_summoned.json"), "application/problem+json")
            : new FakeAnswer(404, """{"title":"Not Found Error","type":"about:blank","status":404,"detail":"no such endpoint"}"""));
        await using var app = await TestApp.StartAsync(kind, postgres);
        var (channelId, _) = await HearAsync(app, Networks["x"], fake);
        var caseId = (await WaitForCasesAsync(app.Http, 1, "new"))[0].GetProperty("id").GetGuid();
        var agent = await app.ClientForAsync("ben.stone@brand.test", "agent", "default");

        var refused = await SendAsync(agent, HttpMethod.Post, $"/api/cases/{caseId}/replies", new { text = "We can help!" });

        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("the channel refused the reply: X does not let apps reply to this author", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(fake.Requests, r => r.Path == "/2/tweets");
        Assert.Contains("\"failed\"", (await GetAsync(app.Http, $"/api/cases/{caseId}")).GetRawText(), StringComparison.Ordinal);
        var health = (await app.GetJsonAsync("/api/channels")).EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == channelId).GetProperty("health");
        Assert.Equal(0, health.GetProperty("replies_sent").GetInt64());
    }

    /// <summary>Adds the channel (pointing at the fake) and stores a recorded post from it, as its connector would.</summary>
    private static async Task<(Guid ChannelId, IncomingPost Post)> HearAsync(TestApp app, Network network, FakeNetwork fake)
    {
        var added = await app.Services.GetRequiredService<ChannelRegistry>().AddAsync(null, network.Kind, $"{network.Kind.WireName()} replies",
            JsonSerializer.SerializeToElement(network.Settings(fake.Address)), CancellationToken.None);
        Assert.Empty(added.Errors);
        // Complaint text, so the post opens a case; the raw payload stays the recorded one the sender reads.
        var post = network.Post() with { Text = Complaint, CreatedAt = DateTime.UtcNow, IsBrand = false };
        await app.Services.GetRequiredService<IngestService>().IngestToChannelAsync(added.Channel!.WorkspaceId, added.Channel.Id, [post], CancellationToken.None);
        return (added.Channel.Id, post);
    }

    private static readonly Dictionary<string, Network> Networks = new()
    {
        ["mastodon"] = new(ChannelKind.Mastodon,
            url => new() { ["base_url"] = url.ToString(), ["token"] = "app-token", ["hashtag"] = "hoot" },
            () => MastodonMapper.TryMap(FakeNetwork.Fixture("mastodon/post_status_parent_response.json"), null, out var post, out var error) ? post : throw new InvalidOperationException(error),
            request => request.Path switch
            {
                "/api/v2/search" => new FakeAnswer(200, MastodonSearchFinding()),
                "/api/v1/statuses" when request.Form()["in_reply_to_id"] == "900000000000000001" && request.Header("Idempotency-Key").Length == 64
                    => new FakeAnswer(200, FakeNetwork.Fixture("mastodon/post_status_reply_response.json")),
                "/api/v1/statuses" => new FakeAnswer(422, """{"error":"Validation failed: the fake expected the resolved id and an Idempotency-Key"}"""),
                _ => new FakeAnswer(404, """{"error":"Record not found"}"""),
            },
            "/api/v1/statuses", "http://localhost:3000/ap/users/117020565693913441/statuses/117020583258292382"),
        ["bluesky"] = new(ChannelKind.Bluesky,
            url => new()
            {
                ["jetstream_url"] = "ws://127.0.0.1:9/subscribe", ["query"] = "brand", ["pds_url"] = url.ToString(),
                ["identifier"] = "brand.example.com", ["app_password"] = "app-password-xxxx-xxxx-xxxx",
            },
            () => FakeNetwork.Fixture("bluesky/jetstream_v1_wanted_posts.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => Jetstream.Parse(line).Post).OfType<IncomingPost>().First(),
            request => request.Path switch
            {
                "/xrpc/com.atproto.server.createSession" => new FakeAnswer(200, FakeNetwork.Fixture("bluesky/createSession_response.json")),
                "/xrpc/com.atproto.repo.createRecord" when request.Header("Authorization") == "Bearer <short-lived JWT>"
                    => new FakeAnswer(200, FakeNetwork.Fixture("bluesky/createRecord_response.json")),
                _ => new FakeAnswer(400, """{"error":"InvalidRequest","message":"not what the fake expected"}"""),
            },
            "/xrpc/com.atproto.repo.createRecord", "at://did:plc:u5cwb2mwiv2bfq53cjufe6yn/app.bsky.feed.post/3k4duaz5vfs2b"),
        ["x"] = new(ChannelKind.X,
            url => new() { ["base_url"] = url.ToString(), ["bearer_token"] = "app-only", ["rule"] = "@brand", ["user_token"] = "user-context-token" },
            () => XSearch.MapRecent(FakeNetwork.Fixture("twitter/search_recent_expanded.json")).Posts[0],
            request => request.Path == "/2/tweets" && request.Header("Authorization") == "Bearer user-context-token"
                ? new FakeAnswer(201, FakeNetwork.Fixture("twitter/create_post_response_201.json"))
                : new FakeAnswer(404, """{"title":"Not Found Error","type":"about:blank","status":404,"detail":"no such endpoint"}"""),
            "/2/tweets", "1456012973835788293"),
        ["reddit"] = new(ChannelKind.Reddit,
            url => new()
            {
                ["base_url"] = url.ToString(), ["auth_url"] = url.ToString(), ["client_id"] = "app-id", ["client_secret"] = "app-secret",
                ["subreddit"] = "brand", ["username"] = "brand_care", ["password"] = "hunter2",
            },
            () => RedditMapper.MapListing(FakeNetwork.Fixture("reddit/listing_hot_2026_trimmed.json")).Items[0].Post,
            request => request.Path switch
            {
                "/api/v1/access_token" => new FakeAnswer(200, FakeNetwork.Fixture("reddit/access_token_response_2026.json")),
                "/api/comment" when request.Header("User-Agent") == RedditReplies.UserAgent
                    => new FakeAnswer(200, FakeNetwork.Fixture("reddit/comment_reply_response.json")),
                _ => new FakeAnswer(404, """{"message": "Not Found", "error": 404}"""),
            },
            "/api/comment", "t1_d162ara"),
    };

    private static string MastodonSearchFinding()
    {
        var envelope = JsonNode.Parse(FakeNetwork.Fixture("mastodon/search_v2_response.json"))!.AsObject();
        var found = JsonNode.Parse(FakeNetwork.Fixture("mastodon/post_status_parent_response.json"))!.AsObject();
        found["id"] = "900000000000000001";
        envelope["statuses"] = new JsonArray(found);
        return envelope.ToJsonString();
    }
}
