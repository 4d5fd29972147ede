using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Earshot.Engine.Workspaces;
using Earshot.Storage.Ingest;

namespace Earshot.Engine.Importers;

public sealed record ImportSummary(long Read, long Stored, long Duplicates, long Rejected, long Edited)
{
    /// <summary>The contract's closing line.</summary>
    public override string ToString() =>
        $"read {Read}, stored {Stored}, duplicates {Duplicates}, rejected {Rejected}" + (Edited > 0 ? $", edited {Edited}" : "");
}

public readonly record struct ImportProgress(long BytesRead, long TotalBytes, long Read, long Stored, long Rejected);

/// <summary>
/// Streams a file into the database in batches of one transaction each. Memory stays flat whatever the file's size.
/// Storage is idempotent, so an import that was killed halfway is finished by running it again.
/// </summary>
public sealed class PostImporter(WorkspaceDirectory directory, PostWriter writer)
{
    /// <summary>
    /// Posts per batch. 2,000 keeps each batch's arrays under the large-object threshold: at 5,000 they were
    /// allocated there, and every few batches set off a full garbage collection (1,000,000 posts: 14 instead of 23,
    /// peak memory 370 MiB instead of 540). Transactions span batches anyway (<see cref="PostsPerCommit"/>).
    /// </summary>
    public int BatchSize { get; init; } = 2_000;

    /// <summary>
    /// A transaction spans batches (see <see cref="PostWriter.WriteAsync(IReadOnlyList{IngestRow}, bool, CancellationToken)"/>)
    /// while the next batch is ready, until it holds this many posts or has been open this long: in bench `import`, a
    /// million posts went in about a quarter faster than with a commit per batch, in the same memory. The time bound
    /// caps how long a server running beside the import waits for the write lock.
    /// </summary>
    public int PostsPerCommit { get; init; } = 50_000;

    /// <inheritdoc cref="PostsPerCommit"/>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    public async Task<ImportSummary> ImportAsync(
        string path, ImportFormat? format, string? workspace, Action<ImportItem>? onRejected,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var chosen = format ?? ImportFormats.Detect(path, PeekFirstLine(file, reader));

        long read = 0, stored = 0, duplicates = 0, rejected = 0, edited = 0;
        // Parsing and storing overlap on two cores: one task reads and prepares batches ahead (ids, encoded values)
        // while the other writes.
        var batches = Channel.CreateBounded<PreparedBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                var batch = new List<IngestRow>(BatchSize);
                await foreach (var item in ImportFormats.Read(chosen, reader, cancellationToken))
                {
                    Interlocked.Increment(ref read);
                    if (item.Post is null)
                    {
                        Interlocked.Increment(ref rejected);
                        onRejected?.Invoke(item);
                        continue;
                    }
                    var workspaceId = await directory.GetOrCreateWorkspaceAsync(workspace ?? item.Workspace, cancellationToken);
                    var channelId = await directory.GetOrCreateChannelAsync(workspaceId, item.Post.Channel, cancellationToken);
                    batch.Add(new IngestRow(workspaceId, channelId, item.Post));
                    if (batch.Count >= BatchSize)
                    {
                        await batches.Writer.WriteAsync(await PrepareAsync(batch, cancellationToken), cancellationToken);
                        batch = new List<IngestRow>(BatchSize);
                    }
                }
                if (batch.Count > 0)
                    await batches.Writer.WriteAsync(await PrepareAsync(batch, cancellationToken), cancellationToken);
                batches.Writer.Complete();
            }
            catch (Exception error)
            {
                batches.Writer.Complete(error);
            }
        }, cancellationToken);

        try
        {
            var uncommitted = 0;
            var opened = Stopwatch.GetTimestamp();
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                // Checked here, not inside a write: a write cut short rolls back the batches accepted before it.
                cancellationToken.ThrowIfCancellationRequested();
                uncommitted += batch.Count;
                // Also whenever the reader has nothing ready: it may be waiting for the write lock (a new workspace).
                var commit = uncommitted >= PostsPerCommit || Stopwatch.GetElapsedTime(opened) >= CommitInterval
                    || !batches.Reader.TryPeek(out _);
                IReadOnlyList<IngestOutcome> outcomes;
                using (batch)
                    outcomes = await writer.WriteAsync(batch, commit, CancellationToken.None);
                foreach (var outcome in outcomes)
                {
                    switch (outcome.Status)
                    {
                        case IngestStatus.Stored: stored++; break;
                        case IngestStatus.Edited: edited++; break;
                        default: duplicates++; break;
                    }
                }
                if (commit)
                    (uncommitted, opened) = (0, Stopwatch.GetTimestamp());
                progress?.Report(new ImportProgress(file.Position, file.Length, Interlocked.Read(ref read), stored, Interlocked.Read(ref rejected)));
            }
            await reading;
        }
        finally
        {
            // Whatever stopped the import (a line that is not the format, a cancel), the rows already accepted stay.
            // After a failed write the writer has rolled back and this does nothing.
            await writer.CommitAsync(CancellationToken.None);
        }
        await writer.ResolveThreadsAsync(cancellationToken);
        progress?.Report(new ImportProgress(file.Length, file.Length, read, stored, rejected));
        return new ImportSummary(read, stored, duplicates, rejected, edited);
    }

    private async Task<PreparedBatch> PrepareAsync(List<IngestRow> rows, CancellationToken cancellationToken)
    {
        var batch = writer.Prepare(rows);
        await writer.FindStoredThreadsAsync(batch, cancellationToken);
        return batch;
    }

    /// <summary>Reads the first line for format detection, then rewinds so the reader starts from the top.</summary>
    private static string? PeekFirstLine(FileStream file, StreamReader reader)
    {
        var first = reader.ReadLine();
        // Back to the first character: past a UTF-8 byte order mark, which the reader skips only on its first read.
        Span<byte> head = stackalloc byte[3];
        file.Position = 0;
        file.Position = file.Read(head) == 3 && head.SequenceEqual(Utf8ByteOrderMark) ? 3 : 0;
        reader.DiscardBufferedData();
        return first;
    }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];
}
