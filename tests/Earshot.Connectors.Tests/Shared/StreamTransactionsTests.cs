using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;
using Earshot.Storage.Ingest;

namespace Earshot.Connectors.Tests.Shared;

/// <summary>
/// With storage that keeps a transaction open (<see cref="ConnectorContext.OpenStreamStorage"/>), a busy stream's
/// batches share a commit, and a quiet stream's posts are still committed at once.
/// </summary>
public sealed class StreamTransactionsTests
{
    private readonly RecordingStorage _storage = new();

    private ConnectorContext Context() =>
        new(Guid.NewGuid(), "test", JsonDocument.Parse("{}").RootElement, null, (_, _) => throw new InvalidOperationException("the stream storage is used"))
        {
            OpenStreamStorage = () => _storage,
            DeleteAsync = (ids, _) =>
            {
                _storage.Log("delete " + string.Join(',', ids));
                return Task.FromResult(ids.Count);
            },
        };

    private static IncomingPost Post(string id) =>
        new() { ExternalId = id, Channel = ChannelKind.Mastodon, Author = "a", Text = "t", RawPayload = "{}" };

    [Fact]
    public async Task PostsArrivingWhileABatchIsWritten_JoinItsTransaction()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = _storage.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var writer = new StreamIngest(Context(), ct);
        await writer.AddAsync(Post("1"), ct);
        await _storage.Writing.Task; // "1" is being written
        foreach (var id in new[] { "2", "3" })
            await writer.AddAsync(Post(id), ct);
        gate.SetResult();

        Assert.Equal(3, await writer.CompleteAsync());
        Assert.Equal(["write 1", "write 2,3", "commit"], _storage.Entries);
    }

    [Fact]
    public async Task AQuietStreamsPost_IsCommittedAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var writer = new StreamIngest(Context(), ct);

        await writer.AddAsync(Post("1"), ct);
        await WaitUntilAsync(() => _storage.Entries.Contains("commit"), "the post to be committed");
        await writer.AddAsync(Post("2"), ct);

        Assert.Equal(2, await writer.CompleteAsync());
        Assert.Equal(["write 1", "commit", "write 2", "commit"], _storage.Entries);
    }

    [Fact]
    public async Task ADelete_CommitsThePostsBeforeIt_First()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = _storage.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var writer = new StreamIngest(Context(), ct);
        await writer.AddAsync(Post("1"), ct);
        await _storage.Writing.Task;
        await writer.AddAsync(Post("2"), ct);
        await writer.DeleteAsync("1", ct);
        gate.SetResult();

        await writer.CompleteAsync();
        Assert.Equal(["write 1", "write 2", "commit", "delete 1"], _storage.Entries);
    }

    [Fact]
    public async Task ACancelledRun_CommitsWhatItWrote()
    {
        using var cancel = new CancellationTokenSource();
        var gate = _storage.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = new StreamIngest(Context(), cancel.Token);
        await writer.AddAsync(Post("1"), TestContext.Current.CancellationToken);
        await _storage.Writing.Task;
        await writer.AddAsync(Post("2"), TestContext.Current.CancellationToken);
        gate.SetResult();
        await WaitUntilAsync(() => _storage.Entries.Contains("write 2"), "the second write");
        await cancel.CancelAsync();

        await writer.DisposeAsync();

        Assert.Equal(["write 1", "write 2", "commit"], _storage.Entries);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 1_000 && !condition(); i++)
            await Task.Delay(10, TestContext.Current.CancellationToken);
        Assert.True(condition(), $"waited 10 s for {what}");
    }

    /// <summary>Logs what it is asked to do; its first write waits on <see cref="Gate"/>, when one is set.</summary>
    private sealed class RecordingStorage : IStreamStorage
    {
        private readonly List<string> _entries = [];
        private bool _open;

        public TaskCompletionSource? Gate { get; set; }
        public TaskCompletionSource Writing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Entries
        {
            get
            {
                lock (_entries)
                    return [.. _entries];
            }
        }

        public void Log(string entry)
        {
            lock (_entries)
                _entries.Add(entry);
        }

        public async Task<IReadOnlyList<IngestOutcome>> WriteAsync(IReadOnlyList<IncomingPost> posts, CancellationToken cancellationToken)
        {
            Log("write " + string.Join(',', posts.Select(p => p.ExternalId)));
            _open = true;
            Writing.TrySetResult();
            if (Gate is { } gate)
            {
                Gate = null;
                await gate.Task;
            }
            return posts.Select(_ => new IngestOutcome(Guid.NewGuid(), IngestStatus.Stored)).ToList();
        }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            if (_open)
                Log("commit");
            _open = false;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
