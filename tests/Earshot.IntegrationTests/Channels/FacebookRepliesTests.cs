using Earshot.Connectors.Facebook;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;
using Earshot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Earshot.IntegrationTests.Channels;

/// <summary>Replies posted to a fake Graph API on 127.0.0.1 that throttles, refuses, and accepts like the real one.</summary>
public sealed class FacebookRepliesTests
{
    private readonly List<(string Path, string Authorization, string Message)> _requests = [];
    private readonly Queue<(int Status, string Body)> _answers = new();

    [Fact]
    public async Task Reply_ThrottledTwice_RetriedWithBackoffThenPosted()
    {
        var (graph, address) = await StartGraphAsync();
        await using var _ = graph;
        var throttled = await File.ReadAllTextAsync(SharedData.RequireFixture("facebook/graph_error_rate_limit_code4.json"));
        _answers.Enqueue((400, throttled));
        _answers.Enqueue((403, """{"error":{"message":"(#32) Page request limit reached","type":"OAuthException","code":32,"fbtrace_id":"x"}}"""));
        _answers.Enqueue((200, await File.ReadAllTextAsync(SharedData.RequireFixture("facebook/reply_to_comment_response.json"))));

        var id = await Replies().ReplyAsync(new MetaReplyTarget(ChannelKind.Facebook, new Uri(address, "v26.0"), "page-token"),
            "712750021053074_1063824911537852", "Thanks for your comment!", CancellationToken.None);

        Assert.Equal("712750021053074_1063824911599999", id);
        Assert.Equal(3, _requests.Count);
        Assert.All(_requests, r => Assert.Equal(("/v26.0/712750021053074_1063824911537852/comments", "Bearer page-token", "Thanks for your comment!"), r));
    }

    [Fact]
    public async Task Reply_PermissionsError_ThrownAtOnce()
    {
        var (graph, address) = await StartGraphAsync();
        await using var _ = graph;
        _answers.Enqueue((403, await File.ReadAllTextAsync(SharedData.RequireFixture("facebook/graph_error_permissions_code200.json"))));

        var error = await Assert.ThrowsAsync<MetaReplyException>(() => Replies().ReplyAsync(
            new MetaReplyTarget(ChannelKind.Facebook, address, "page-token"), "1_2", "hi", CancellationToken.None));

        Assert.Equal((200, false), (error.Code, error.Throttled));
        Assert.Single(_requests);
    }

    [Fact]
    public async Task Reply_ThrottledBeyondTheLastAttempt_GivesUp()
    {
        var (graph, address) = await StartGraphAsync();
        await using var _ = graph;
        for (var i = 0; i < 5; i++)
            _answers.Enqueue((400, """{"error":{"message":"(#17) User request limit reached","code":17,"is_transient":true}}"""));

        var error = await Assert.ThrowsAsync<MetaReplyException>(() => Replies().ReplyAsync(
            new MetaReplyTarget(ChannelKind.Facebook, address, "page-token"), "1_2", "hi", CancellationToken.None));

        Assert.True(error.Throttled);
        Assert.Equal(3, _requests.Count);
    }

    [Fact]
    public async Task Reply_ToAnInstagramComment_UsesTheRepliesEdge()
    {
        var (graph, address) = await StartGraphAsync();
        await using var _ = graph;
        _answers.Enqueue((200, await File.ReadAllTextAsync(SharedData.RequireFixture("facebook/instagram_reply_response.json"))));

        var id = await Replies().ReplyAsync(new MetaReplyTarget(ChannelKind.Instagram, address, "ig-token"), "17919697626119712", "Glad you like it", CancellationToken.None);

        Assert.Equal("17920000000000000", id);
        Assert.Equal("/17919697626119712/replies", _requests.Single().Path);
    }

    private static FacebookReplies Replies()
    {
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new FacebookReplies(http, TimeProvider.System,
            new FacebookRepliesOptions { MaxAttempts = 3, Backoff = BackoffSchedule.Doubling(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100)) },
            NullLogger<FacebookReplies>.Instance);
    }

    private Task<(WebApplication, Uri)> StartGraphAsync() => LocalServer.StartAsync(server =>
        server.MapPost("/{**path}", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            lock (_requests)
                _requests.Add((context.Request.Path.Value!, context.Request.Headers.Authorization.ToString(), form["message"].ToString()));
            var (status, body) = _answers.Dequeue();
            return Results.Text(body, "application/json; charset=UTF-8", statusCode: status);
        }));
}
