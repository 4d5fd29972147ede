using System.Text.Json.Nodes;
using Earshot.Connectors;
using Earshot.Connectors.Mastodon;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Channels.ReplyTesting;

namespace Earshot.IntegrationTests.Channels;

/// <summary>Replies posted to a fake Mastodon server on 127.0.0.1 answering with the recorded statuses and search results.</summary>
public sealed class MastodonRepliesTests
{
    private const string LocalId = "900000000000000001";
    private static string Parent => FakeNetwork.Fixture("mastodon/post_status_parent_response.json");
    private static string Created => FakeNetwork.Fixture("mastodon/post_status_reply_response.json");

    [Fact]
    public async Task Reply_ToAStatusFromAnotherServer_ResolvedOnOursThenPostedWithMentionAndIdempotencyKey()
    {
        await using var server = await FakeNetwork.StartAsync(request => request.Path switch
        {
            "/api/v2/search" => new FakeAnswer(200, SearchFinding(Parent, LocalId)),
            "/api/v1/statuses" => new FakeAnswer(200, Created),
            _ => new FakeAnswer(404, """{"error":"Record not found"}"""),
        });
        var reply = ReplyTo(server, Parent, "mastodonpy_test_2@localhost:3000", "Sorry about that, we are on it.");

        var id = await new MastodonReplies(Http(), Secrets, TimeProvider.System).SendAsync(reply, CancellationToken.None);
        await new MastodonReplies(Http(), Secrets, TimeProvider.System).SendAsync(reply, CancellationToken.None); // a retry of the same reply

        Assert.Equal("http://localhost:3000/ap/users/117020565693913441/statuses/117020583258292382", id);
        var search = server.Requests[0];
        Assert.Equal(("GET", "/api/v2/search", "Bearer app-token"), (search.Method, search.Path, search.Header("Authorization")));
        Assert.Equal("?q=" + Uri.EscapeDataString("http://localhost:3000/ap/users/117020566092212359/statuses/117020583245459824") + "&resolve=true&type=statuses&limit=1", search.Query);
        var posts = server.Requests.Where(r => r.Path == "/api/v1/statuses").ToList();
        Assert.Equal(2, posts.Count);
        var form = posts[0].Form();
        Assert.Equal(("POST", "Bearer app-token"), (posts[0].Method, posts[0].Header("Authorization")));
        Assert.Equal(LocalId, form["in_reply_to_id"]);
        Assert.Equal("@mastodonpy_test_2@localhost Sorry about that, we are on it.", form["status"]);
        Assert.Matches("^[0-9a-f]{64}$", posts[0].Header("Idempotency-Key"));
        Assert.Equal(posts[0].Header("Idempotency-Key"), posts[1].Header("Idempotency-Key"));
    }

    [Fact]
    public async Task Reply_ToAStatusOfOurOwnServer_UsesItsIdAndKeepsAnExistingMention()
    {
        await using var server = await FakeNetwork.StartAsync(request => new FakeAnswer(200, Created));
        var local = Parent.Replace("http://localhost:3000", server.Address.ToString().TrimEnd('/'), StringComparison.Ordinal);

        await new MastodonReplies(Http(), Secrets, TimeProvider.System).SendAsync(ReplyTo(server, local, "mastodonpy_test_2@" + server.Address.Authority, "@mastodonpy_test_2 thanks!"), CancellationToken.None);

        var post = Assert.Single(server.Requests);
        Assert.Equal("/api/v1/statuses", post.Path);
        Assert.Equal(("117020583245459824", "@mastodonpy_test_2 thanks!"), (post.Form()["in_reply_to_id"], post.Form()["status"]));
    }

    [Fact]
    public async Task Reply_WhenOurServerCannotFindTheStatus_ClearErrorAndNothingPosted()
    {
        await using var server = await FakeNetwork.StartAsync(request => new FakeAnswer(200, FakeNetwork.Fixture("mastodon/search_v2_statuses_empty.json")));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            new MastodonReplies(Http(), Secrets, TimeProvider.System).SendAsync(ReplyTo(server, Parent, "mastodonpy_test_2@localhost:3000", "hello"), CancellationToken.None));

        Assert.Contains("could not find the post to answer", error.Message, StringComparison.Ordinal);
        Assert.Contains("117020583245459824", error.Message, StringComparison.Ordinal);
        Assert.Equal(["/api/v2/search"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Reply_RefusedToken_ShownWithTheServersMessage()
    {
        await using var server = await FakeNetwork.StartAsync(request => new FakeAnswer(401, FakeNetwork.Fixture("mastodon/error_401.json")));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            new MastodonReplies(Http(), Secrets, TimeProvider.System).SendAsync(ReplyTo(server, Parent, "someone@localhost", "hello"), CancellationToken.None));

        Assert.StartsWith("the server refused the token (401", error.Message, StringComparison.Ordinal);
    }

    private static Earshot.Connectors.Replies.OutboundReply ReplyTo(FakeNetwork server, string raw, string handle, string text) =>
        Reply(new() { ["base_url"] = server.Address.ToString(), ["token"] = "app-token", ["hashtag"] = "hoot" }, ["token"],
            "http://localhost:3000/ap/users/117020566092212359/statuses/117020583245459824", handle, text, raw, Guid.Parse("0194d7a0-0000-7000-8000-000000000001"));

    /// <summary>The recorded search envelope, holding the status as our server knows it (our own id for it).</summary>
    private static string SearchFinding(string status, string localId)
    {
        var envelope = JsonNode.Parse(FakeNetwork.Fixture("mastodon/search_v2_response.json"))!.AsObject();
        var found = JsonNode.Parse(status)!.AsObject();
        found["id"] = localId;
        envelope["statuses"] = new JsonArray(found);
        return envelope.ToJsonString();
    }
}
