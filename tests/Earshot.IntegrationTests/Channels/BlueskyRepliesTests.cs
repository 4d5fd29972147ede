using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Bluesky;
using Earshot.Connectors.Replies;
using Earshot.Engine.Cases;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Channels.ReplyTesting;

namespace Earshot.IntegrationTests.Channels;

/// <summary>Replies written to a fake PDS on 127.0.0.1: session login, createRecord with thread refs, expired sessions.</summary>
public sealed class BlueskyRepliesTests
{
    private static string[] Firehose => FakeNetwork.Fixture("bluesky/jetstream_v1_wanted_posts.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
    private static string Session => FakeNetwork.Fixture("bluesky/createSession_response.json");
    private static string Created => FakeNetwork.Fixture("bluesky/createRecord_response.json");
    private readonly Guid _channel = Guid.CreateVersion7();
    private int _expiredAnswers;

    [Fact]
    public async Task Reply_ToAReplyInAThread_RootIsTheThreadsRootAndParentThePost()
    {
        await using var pds = await StartPdsAsync();
        var (raw, uri) = Post(p => p.TryGetProperty("reply", out _));
        var expectedRoot = JsonDocument.Parse(raw).RootElement.GetProperty("commit").GetProperty("record").GetProperty("reply").GetProperty("root");
        var cid = JsonDocument.Parse(raw).RootElement.GetProperty("commit").GetProperty("cid").GetString();
        var sender = new BlueskyReplies(Http(), Secrets, TimeProvider.System);

        var id = await sender.SendAsync(ReplyTo(pds, uri, raw, "Thanks, we are looking into it."), CancellationToken.None);

        Assert.Equal(JsonDocument.Parse(Created).RootElement.GetProperty("uri").GetString(), id);
        var login = pds.Requests[0];
        Assert.Equal(("POST", "/xrpc/com.atproto.server.createSession"), (login.Method, login.Path));
        Assert.Equal(("brand.example.com", "app-password-xxxx-xxxx-xxxx"), (Json(login).GetProperty("identifier").GetString(), Json(login).GetProperty("password").GetString()));
        var create = pds.Requests[1];
        Assert.Equal(("/xrpc/com.atproto.repo.createRecord", "Bearer <short-lived JWT>"), (create.Path, create.Header("Authorization")));
        var body = Json(create);
        var shape = JsonDocument.Parse(FakeNetwork.Fixture("bluesky/createRecord_reply_request.json")).RootElement;
        Assert.Equal(Names(shape), Names(body));
        Assert.Equal(Names(shape.GetProperty("record")), Names(body.GetProperty("record")));
        Assert.Equal(("did:plc:u5cwb2mwiv2bfq53cjufe6yn", "app.bsky.feed.post"), (body.GetProperty("repo").GetString(), body.GetProperty("collection").GetString()));
        var record = body.GetProperty("record");
        Assert.Equal(("app.bsky.feed.post", "Thanks, we are looking into it."), (record.GetProperty("$type").GetString(), record.GetProperty("text").GetString()));
        Assert.Equal((uri, cid), Ref(record.GetProperty("reply").GetProperty("parent")));
        Assert.Equal((expectedRoot.GetProperty("uri").GetString(), expectedRoot.GetProperty("cid").GetString()), Ref(record.GetProperty("reply").GetProperty("root")));
        Assert.NotEqual(uri, Ref(record.GetProperty("reply").GetProperty("root")).Uri);

        // The session is kept: a second reply does not log in again.
        await sender.SendAsync(ReplyTo(pds, uri, raw, "Fixed now."), CancellationToken.None);
        Assert.Single(pds.Requests, r => r.Path.EndsWith("createSession", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reply_ToAPostStartingAThread_IsItsOwnRoot()
    {
        await using var pds = await StartPdsAsync();
        var (raw, uri) = Post(p => !p.TryGetProperty("reply", out _));

        await new BlueskyReplies(Http(), Secrets, TimeProvider.System).SendAsync(ReplyTo(pds, uri, raw, "Hello!"), CancellationToken.None);

        var reply = Json(pds.Requests[1]).GetProperty("record").GetProperty("reply");
        Assert.Equal(Ref(reply.GetProperty("parent")), Ref(reply.GetProperty("root")));
        Assert.Equal(uri, Ref(reply.GetProperty("root")).Uri);
    }

    [Fact]
    public async Task Reply_WithAnExpiredSession_LogsInAgainOnceThenPosts()
    {
        await using var pds = await StartPdsAsync();
        _expiredAnswers = 1;
        var (raw, uri) = Post(p => !p.TryGetProperty("reply", out _));

        var id = await new BlueskyReplies(Http(), Secrets, TimeProvider.System).SendAsync(ReplyTo(pds, uri, raw, "Hello!"), CancellationToken.None);

        Assert.Equal(JsonDocument.Parse(Created).RootElement.GetProperty("uri").GetString(), id);
        Assert.Equal(["createSession", "createRecord", "createSession", "createRecord"], pds.Requests.Select(r => r.Path.Split('.')[^1]));
    }

    [Fact]
    public async Task Reply_WhenTheFreshSessionExpiresToo_GivesUpWithTheXrpcError()
    {
        await using var pds = await StartPdsAsync();
        _expiredAnswers = 5;
        var (raw, uri) = Post(p => !p.TryGetProperty("reply", out _));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            new BlueskyReplies(Http(), Secrets, TimeProvider.System).SendAsync(ReplyTo(pds, uri, raw, "Hello!"), CancellationToken.None));

        Assert.Equal("Bluesky refused the reply (400 ExpiredToken: Token has expired)", error.Message);
        Assert.Equal(4, pds.Requests.Count);
    }

    private Task<FakeNetwork> StartPdsAsync() => FakeNetwork.StartAsync(request => request.Path switch
    {
        "/xrpc/com.atproto.server.createSession" => new FakeAnswer(200, Session),
        "/xrpc/com.atproto.repo.createRecord" when Interlocked.Decrement(ref _expiredAnswers) >= 0
            => new FakeAnswer(400, FakeNetwork.Fixture("bluesky/xrpc_error_expired_token.json")),
        "/xrpc/com.atproto.repo.createRecord" => new FakeAnswer(200, Created),
        _ => new FakeAnswer(404, """{"error":"MethodNotImplemented","message":"Method Not Implemented"}"""),
    });

    /// <summary>A recorded Jetstream post commit and its at:// uri (the id the connector stores it under).</summary>
    private static (string Raw, string Uri) Post(Func<JsonElement, bool> recordWanted)
    {
        var raw = Firehose.First(line =>
        {
            var root = JsonDocument.Parse(line).RootElement;
            return root.GetProperty("kind").GetString() == "commit" && root.GetProperty("commit").GetProperty("operation").GetString() == "create"
                   && recordWanted(root.GetProperty("commit").GetProperty("record"));
        });
        var root = JsonDocument.Parse(raw).RootElement;
        return (raw, BlueskyMapper.AtUri(root.GetProperty("did").GetString()!, root.GetProperty("commit").GetProperty("rkey").GetString()!));
    }

    private OutboundReply ReplyTo(FakeNetwork pds, string uri, string raw, string text) =>
        Reply(new()
        {
            ["jetstream_url"] = "wss://jetstream.invalid/subscribe", ["query"] = "brand", ["pds_url"] = pds.Address.ToString(),
            ["identifier"] = "brand.example.com", ["app_password"] = "app-password-xxxx-xxxx-xxxx",
        }, ["app_password"], uri, "did:plc:someone", text, raw, _channel);

    private static JsonElement Json(ReceivedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    private static (string? Uri, string? Cid) Ref(JsonElement strongRef) => (strongRef.GetProperty("uri").GetString(), strongRef.GetProperty("cid").GetString());
}
