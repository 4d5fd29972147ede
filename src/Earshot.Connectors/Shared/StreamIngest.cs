using System.Diagnostics;
using Earshot.Core.Posts;
using Earshot.Storage.Ingest;

namespace Earshot.Connectors.Shared;

/// <summary>
/// Stores a stream's posts while the stream goes on being read. One post per transaction caps a stream at the
/// database's commit rate; here the reader hands posts over and a writer stores whatever has piled up as one batch,
/// so a quiet stream still stores each post at once and a busy one writes thousands per commit. A delete waits for
/// the posts that arrived before it, so "created, then deleted" never leaves the post visible. The buffer is
/// bounded: when the database falls behind, reading waits (back-pressure) instead of filling memory. Where the
/// context offers it (<see cref="ConnectorContext.OpenStreamStorage"/>), a transaction stays open over the batches
/// of a busy stream (see <see cref="PostsPerCommit"/>).
/// </summary>
public sealed class StreamIngest : IAsyncDisposable
{
    private const int MaxBatch = 2_000;

    /// <summary>
    /// While more posts wait, the transaction stays open over the next batch, up to this many posts or
    /// <see cref="CommitInterval"/>: each commit writes every page its posts touched, and the indexes with random keys
    /// (a Mastodon status URI, the author) put nearly every post on a page of its own, so a busy stream committing
    /// its few hundred posts at a time rewrote the same index pages over and over. A quiet stream's post, with
    /// nothing behind it, is committed at once.
    /// </summary>
    private const int PostsPerCommit = 5_000;

    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(100);

    private readonly ConnectorContext _context;
    private readonly System.Threading.Channels.Channel<Item> _items = System.Threading.Channels.Channel.CreateBounded<Item>(new System.Threading.Channels.BoundedChannelOptions(2 * MaxBatch) { SingleReader = true, SingleWriter = true });
    private readonly Task _writer;
    private int _stored;

    public StreamIngest(ConnectorContext context, CancellationToken cancellationToken)
    {
        _context = context;
        _writer = Task.Run(() => WriteAsync(cancellationToken), CancellationToken.None);
    }

    /// <summary>Posts stored so far (duplicates not counted).</summary>
    public int Stored => Volatile.Read(ref _stored);

    /// <summary>Queues a post; waits while the buffer is full. Throws the writer's failure if storing failed.</summary>
    public async ValueTask AddAsync(IncomingPost post, CancellationToken cancellationToken)
    {
        if (!await TryWriteAsync(new Item(post, null), cancellationToken))
            await _writer; // the writer stopped: its failure is the run's
    }

    /// <summary>Queues the hiding of posts deleted at the source, after every post queued before.</summary>
    public async ValueTask DeleteAsync(string externalId, CancellationToken cancellationToken)
    {
        if (!await TryWriteAsync(new Item(null, externalId), cancellationToken))
            await _writer;
    }

    /// <summary>Stores what is still queued; returns the posts stored in all. Throws if any write failed.</summary>
    public async Task<int> CompleteAsync()
    {
        _items.Writer.TryComplete();
        await _writer;
        return Stored;
    }

    /// <summary>On a failed run: keeps what was received (it is stored), but never hides the run's own error.</summary>
    public async ValueTask DisposeAsync()
    {
        _items.Writer.TryComplete();
        await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async ValueTask<bool> TryWriteAsync(Item item, CancellationToken cancellationToken)
    {
        try
        {
            await _items.Writer.WriteAsync(item, cancellationToken);
            return true;
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            return false;
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var posts = new List<IncomingPost>(MaxBatch);
        await using var storage = _context.OpenStreamStorage?.Invoke();
        var (uncommitted, opened) = (0, 0L);
        try
        {
            while (await _items.Reader.WaitToReadAsync(cancellationToken))
            {
                while (posts.Count < MaxBatch && _items.Reader.TryPeek(out var next))
                {
                    if (next.Post is null)
                        break;
                    posts.Add(next.Post);
                    _items.Reader.TryRead(out _);
                }
                if (posts.Count > 0)
                {
                    IReadOnlyList<IngestOutcome> outcomes;
                    if (storage is null)
                    {
                        outcomes = await _context.IngestAsync(posts, cancellationToken);
                    }
                    else
                    {
                        if (uncommitted == 0)
                            opened = Stopwatch.GetTimestamp();
                        // Not cancelled midway: a write cut short rolls back the batches before it in the transaction.
                        outcomes = await storage.WriteAsync(posts, CancellationToken.None);
                        uncommitted += posts.Count;
                        // Posts that arrived during the write say the stream is busy: they join this transaction.
                        if (uncommitted >= PostsPerCommit || Stopwatch.GetElapsedTime(opened) >= CommitInterval || !_items.Reader.TryPeek(out _))
                        {
                            await storage.CommitAsync(CancellationToken.None);
                            uncommitted = 0;
                        }
                    }
                    Interlocked.Add(ref _stored, outcomes.Count(o => o.Status != IngestStatus.Duplicate));
                    posts.Clear();
                }
                else if (_items.Reader.TryRead(out var delete) && _context.DeleteAsync is { } hide)
                {
                    // Hiding writes on a connection of its own, so it needs the open transaction committed first.
                    if (storage is not null)
                        await storage.CommitAsync(CancellationToken.None);
                    uncommitted = 0;
                    await hide([delete.DeletedExternalId!], cancellationToken);
                }
            }
            if (storage is not null)
                await storage.CommitAsync(CancellationToken.None);
        }
        catch
        {
            _items.Writer.TryComplete(); // the reader's next AddAsync sees the failure at once
            if (storage is not null)
                await CommitQuietlyAsync(storage); // a cancelled run keeps what it wrote
            throw;
        }
    }

    private static async Task CommitQuietlyAsync(IStreamStorage storage)
    {
        try
        {
            await storage.CommitAsync(CancellationToken.None);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The run's own error is the one to report; what was not committed comes again from the cursor.
        }
    }

    private sealed record Item(IncomingPost? Post, string? DeletedExternalId);
}
