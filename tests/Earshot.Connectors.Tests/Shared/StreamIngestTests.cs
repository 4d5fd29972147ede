using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;
using Earshot.Storage.Ingest;

namespace Earshot.Connectors.Tests.Shared;

public sealed class StreamIngestTests
{
    private readonly List<string> _log = [];
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConnectorContext Context(Func<IReadOnlyList<IncomingPost>, IReadOnlyList<IngestOutcome>>? store = null) =>
        new(Guid.NewGuid(), "test", JsonDocument.Parse("{}").RootElement, null, async (posts, _) =>
        {
            await _gate.Task;
            lock (_log)
                _log.Add("store " + string.Join(',', posts.Select(p => p.ExternalId)));
            return store?.Invoke(posts) ?? posts.Select(p => new IngestOutcome(Guid.NewGuid(), IngestStatus.Stored)).ToList();
        })
        {
            DeleteAsync = (ids, _) =>
            {
                lock (_log)
                    _log.Add("delete " + string.Join(',', ids));
                return Task.FromResult(ids.Count);
            },
        };

    private static IncomingPost Post(string id) =>
        new() { ExternalId = id, Channel = ChannelKind.X, Author = "a", Text = "t", RawPayload = "{}" };

    [Fact]
    public async Task PostsThatPileUpWhileTheDatabaseIsBusy_AreStoredAsOneBatch()
    {
        await using var writer = new StreamIngest(Context(), TestContext.Current.CancellationToken);
        await writer.AddAsync(Post("1"), TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken); // the writer takes "1" and waits on the gate
        foreach (var id in new[] { "2", "3", "4" })
            await writer.AddAsync(Post(id), TestContext.Current.CancellationToken);
        _gate.SetResult();

        Assert.Equal(4, await writer.CompleteAsync());
        Assert.Equal(["store 1", "store 2,3,4"], _log);
    }

    [Fact]
    public async Task ADelete_WaitsForThePostsBeforeIt_AndPostsAfterItWaitForTheDelete()
    {
        _gate.SetResult();
        await using var writer = new StreamIngest(Context(), TestContext.Current.CancellationToken);
        await writer.AddAsync(Post("1"), TestContext.Current.CancellationToken);
        await writer.DeleteAsync("1", TestContext.Current.CancellationToken);
        await writer.AddAsync(Post("2"), TestContext.Current.CancellationToken);

        Assert.Equal(2, await writer.CompleteAsync());
        Assert.Equal(["store 1", "delete 1", "store 2"], _log);
    }

    [Fact]
    public async Task DuplicatesAreNotCounted_AndAFailedWrite_FailsTheRun()
    {
        _gate.SetResult();
        var calls = 0;
        await using var writer = new StreamIngest(Context(posts => ++calls == 1
            ? posts.Select(_ => new IngestOutcome(Guid.NewGuid(), IngestStatus.Duplicate)).ToList()
            : throw new InvalidOperationException("disk full")), TestContext.Current.CancellationToken);
        await writer.AddAsync(Post("1"), TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(0, writer.Stored);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            for (var i = 0; i < 10_000; i++)
                await writer.AddAsync(Post("n" + i), TestContext.Current.CancellationToken);
            await writer.CompleteAsync();
        });
        Assert.Equal("disk full", failure.Message);
    }
}
