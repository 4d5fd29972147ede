using System.Net;
using System.Text.Json;
using Earshot.IntegrationTests.Infrastructure;
using static Earshot.IntegrationTests.Cases.CasePosts;

namespace Earshot.IntegrationTests.Channels;

/// <summary>Agents answering web chats: the reply reaches the visitor's event stream, also after a reconnect; offline messages are kept.</summary>
public sealed class WebChatRepliesTests(PostgresServer postgres)
{
    private sealed record StreamEvent(string? Id, string Type, JsonElement Data);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AgentReply_ReachesTheVisitorsStream_AndAResumedStreamLosesNothing(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var channelId = await WebChatVisitor.AddChannelAsync(app);
        var visitor = new WebChatVisitor(app, channelId);
        await visitor.StartAsync(new { email = "ana@example.com", name = "Ana" });
        await visitor.WriteAsync("m-1", "where is my parcel?");
        var caseId = await WebChatVisitor.WaitForCaseAsync(app, channelId);
        var agent = await app.ClientForAsync("ben.stone@brand.test", "agent", "default");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await OpenStreamAsync(app, visitor, null, timeout.Token);
        var first = await ReadUntilAsync(stream, e => e.Type == "line", timeout.Token);
        var sent = await SendAsync(agent, HttpMethod.Post, $"/api/cases/{caseId}/replies", new { text = "It left the depot this morning, <b>Ana</b>." });
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        var reply = await ReadUntilAsync(stream, e => e.Type == "line" && e.Data.GetProperty("from").GetString() == "agent", timeout.Token);

        Assert.Equal("where is my parcel?", first.Data.GetProperty("text").GetString());
        Assert.Equal("It left the depot this morning, <b>Ana</b>.", reply.Data.GetProperty("text").GetString());
        Assert.Equal("Ben", reply.Data.GetProperty("name").GetString());
        Assert.Equal("sent", JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement.GetProperty("delivery").GetString());

        // Reconnecting from the visitor's own line (as EventSource does with Last-Event-ID) still brings the reply.
        using var resumed = await OpenStreamAsync(app, visitor, first.Id, timeout.Token);
        var again = await ReadUntilAsync(resumed, e => e.Type == "line" && e.Data.GetProperty("from").GetString() == "agent", timeout.Token);
        Assert.Equal(reply.Data.GetProperty("id").GetString(), again.Data.GetProperty("id").GetString());

        // The reply is a case event, never a post: it cannot come back through the pipeline as a customer message.
        Assert.Equal(1, await WebChatVisitor.PostCountAsync(app, channelId));
        var history = await TestApp.ReadJsonAsync(await visitor.SendAsync(HttpMethod.Get, "/messages"));
        Assert.Equal(["visitor", "agent"], history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("from").GetString()));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task NoAgentAvailable_VisitorIsToldAndTheMessageIsKeptAsACase(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var channelId = await WebChatVisitor.AddChannelAsync(app);
        var visitor = new WebChatVisitor(app, channelId);

        var started = await visitor.StartAsync(new { email = "night.owl@example.com" });
        var stored = await visitor.WriteAsync("m-1", "anyone there? my card was charged twice");

        Assert.False(started.GetProperty("online").GetBoolean());
        Assert.Equal(HttpStatusCode.Accepted, stored.StatusCode);
        Assert.False((await TestApp.ReadJsonAsync(stored)).GetProperty("online").GetBoolean());
        var caseId = await WebChatVisitor.WaitForCaseAsync(app, channelId);

        // An agent arrives in the morning: the chat says so, and the night's message waits in the queue.
        await app.ClientForAsync("early.bird@brand.test", "agent", "default");
        var history = await TestApp.ReadJsonAsync(await visitor.SendAsync(HttpMethod.Get, "/messages"));
        Assert.True(history.GetProperty("online").GetBoolean());
        Assert.Equal("anyone there? my card was charged twice", history.GetProperty("messages")[0].GetProperty("text").GetString());
        var queue = await WaitForCasesAsync(app.Http, 1, "new");
        Assert.Contains(queue, c => c.GetProperty("id").GetGuid() == caseId);
    }

    private static async Task<StreamReader> OpenStreamAsync(TestApp app, WebChatVisitor visitor, string? lastEventId, CancellationToken cancellationToken)
    {
        var request = visitor.Request(HttpMethod.Get, "/stream?token=" + Uri.EscapeDataString(visitor.Token!));
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await app.Anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    private static async Task<StreamEvent> ReadUntilAsync(StreamReader stream, Func<StreamEvent, bool> wanted, CancellationToken cancellationToken)
    {
        string? id = null, type = null, data = null;
        while (await stream.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (type is not null && data is not null && new StreamEvent(id, type, JsonDocument.Parse(data).RootElement.Clone()) is var @event && wanted(@event))
                    return @event;
                (id, type, data) = (null, null, null);
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
                id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
                type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data = line[6..];
        }
        throw new InvalidOperationException("the stream ended before the awaited event");
    }
}
