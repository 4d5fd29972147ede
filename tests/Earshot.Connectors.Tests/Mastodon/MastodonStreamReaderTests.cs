using Earshot.Connectors.Mastodon;
using Xunit;

namespace Earshot.Connectors.Tests.Mastodon;

public sealed class MastodonStreamReaderTests
{
    [Fact]
    public async Task Read_HashtagFixture_UpdateEditDeleteAndHeartbeats()
    {
        await using var stream = Fixtures.Open("mastodon", "streaming_hashtag_test.sse");

        var events = await MastodonStreamReader.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken).ToListAsync();

        var meaningful = events.Where(e => e.Kind != MastodonStreamEventKind.Heartbeat).ToList();
        Assert.Equal([MastodonStreamEventKind.Update, MastodonStreamEventKind.Edit, MastodonStreamEventKind.Delete], meaningful.Select(e => e.Kind));
        Assert.Equal(4, events.Count(e => e.Kind == MastodonStreamEventKind.Heartbeat));
        Assert.Equal("https://mastodon.social/users/trwnh/statuses/108914430312582020", meaningful[0].Post!.ExternalId);
        Assert.Equal(meaningful[0].Post!.ExternalId, meaningful[1].Post!.ExternalId);
        Assert.Equal("108914430312582020", meaningful[2].DeletedStatusId);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(100_000)]
    public async Task Read_RecordedUserStream_OneUpdateWhateverTheChunking(int chunk)
    {
        var bytes = await File.ReadAllBytesAsync(Fixtures.PathOf("mastodon", "streaming_user_recorded.sse"), TestContext.Current.CancellationToken);

        var events = await MastodonStreamReader.ReadAsync(new TrickleStream(bytes, chunk), cancellationToken: TestContext.Current.CancellationToken).ToListAsync();

        var update = Assert.Single(events, e => e.Kind == MastodonStreamEventKind.Update);
        Assert.Equal("it's cool guy", update.Post!.Text);
        Assert.Equal("mastodonpy_test@localhost:3000", update.Post.Author);
        Assert.Equal(2, update.Line);
    }

    [Fact]
    public async Task Read_BrokenJsonThenGoodEvent_ErrorItemThenUpdate()
    {
        const string wire = "event: update\ndata: {\"id\":\n\nevent: notification\ndata: {}\n\nevent: update\ndata: {\"uri\":\"u\",\"account\":{\"acct\":\"a\"},\"content\":\"ok\"}\n\n";

        var events = await MastodonStreamReader.ReadAsync(TrickleStream.Of(wire, 5), cancellationToken: TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal([MastodonStreamEventKind.Error, MastodonStreamEventKind.Ignored, MastodonStreamEventKind.Update], events.Select(e => e.Kind));
        Assert.Equal(1, events[0].Error!.Line);
        Assert.Equal("ok", events[2].Post!.Text);
    }
}

public sealed class MastodonWebSocketFrameTests
{
    [Fact]
    public void InterpretWebSocketFrame_RecordedFrames_DoubleEncodedPayloadUnwrapped()
    {
        var frames = File.ReadLines(Fixtures.PathOf("mastodon", "streaming_websocket_frames.jsonl"))
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("dir").GetString() == "server->client")
            .Select(e => e.GetProperty("frame").GetRawText())
            .ToList();

        var events = frames.Select((f, i) => MastodonStreamReader.InterpretWebSocketFrame(f, i + 1)).ToList();

        Assert.Equal([MastodonStreamEventKind.Update, MastodonStreamEventKind.Delete, MastodonStreamEventKind.Ignored, MastodonStreamEventKind.Error], events.Select(e => e.Kind));
        Assert.Equal("https://mastodon.social/users/trwnh/statuses/108914430312582020", events[0].Post!.ExternalId);
        Assert.Equal("108914430312582020", events[1].DeletedStatusId);
        Assert.Contains("Unknown stream type", events[3].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InterpretWebSocketFrame_DocsPublicUpdate_ReplyThreaded()
    {
        var update = MastodonStreamReader.InterpretWebSocketFrame(Fixtures.Text("mastodon", "streaming_websocket_public_update_docs.json"));

        Assert.Equal(MastodonStreamEventKind.Update, update.Kind);
        Assert.Equal("108913981098896721", update.Post!.InReplyTo);
    }
}
