using Earshot.Core.Pipeline;
using Earshot.Storage.Postgres;
using Earshot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Earshot.Storage.Ingest;

/// <summary>
/// Stores incoming posts idempotently, a batch per transaction. This is the ingest hot path, so it speaks SQL
/// directly (<see cref="IIngestStatements"/>): native prepared statements on SQLite, one batched round trip per
/// statement kind on PostgreSQL. One writer is used by one caller at a time.
/// </summary>
public sealed class PostWriter : IAsyncDisposable
{
    // Authors already upserted by this writer, with a fingerprint of the details it wrote; bounded so memory stays
    // flat (about 32 MB when full). A fingerprint instead of the details themselves: the 1,000,000-post bench file
    // has 242,679 authors, and the old limit of 200,000 entries that held every display name and profile URL was
    // cleared every few batches, so half of its 500,000 author upserts were for authors it had just written.
    private const int KnownAuthorLimit = 1_000_000;
    private readonly Dictionary<Guid, long> _knownAuthors = [];
    private readonly DatabaseTarget _target;
    private readonly TimeProvider _clock;
    private System.Data.Common.DbConnection? _connection;
    // Replies stored before their parents; only then does thread resolution have work to do.
    private long _orphanReplies;
    private IIngestStatements? _statements;
    private bool _inTransaction;

    public PostWriter(DatabaseTarget target, TimeProvider clock)
    {
        _target = target;
        _clock = clock;
    }

    /// <summary>Stores a batch in a transaction of its own.</summary>
    public Task<IReadOnlyList<IngestOutcome>> WriteAsync(IReadOnlyList<IngestRow> rows, CancellationToken cancellationToken) =>
        WriteAsync(rows, commit: true, cancellationToken);

    /// <summary>
    /// Stores a batch; with <paramref name="commit"/> false the transaction stays open for the next batch, until a
    /// call that commits or <see cref="CommitAsync"/>. A bulk import commits every tens of thousands of posts: each
    /// commit writes every page the transaction touched, and a random-keyed index (posts by author) touches a page
    /// per post, so one commit per 5,000-post batch rewrote the same index pages ten times over.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> WriteAsync(IReadOnlyList<IngestRow> rows, bool commit, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            if (commit)
                await CommitAsync(cancellationToken);
            return [];
        }
        var statements = await OpenAsync(cancellationToken);
        var received = _clock.GetUtcNow().UtcDateTime;
        if (!_inTransaction)
        {
            await statements.BeginAsync(cancellationToken);
            _inTransaction = true;
        }
        try
        {
            var authorIds = await UpsertAuthorsAsync(statements, rows, cancellationToken);
            var prepared = await PrepareRowsAsync(statements, rows, authorIds, received, cancellationToken);
            var inserted = await statements.ExecuteManyAsync(IngestSql.InsertPost, prepared.Select(p => p.Values(received)).ToList(), cancellationToken);
            var outcomes = new IngestOutcome[rows.Count];
            for (var i = 0; i < prepared.Count; i++)
            {
                outcomes[i] = inserted[i] > 0
                    ? new IngestOutcome(prepared[i].PostId, IngestStatus.Stored)
                    : await ApplyDuplicateAsync(statements, prepared[i], received, cancellationToken);
            }
            await InsertAttachmentsAsync(statements, prepared, inserted, cancellationToken);
            if (commit)
                await CommitAsync(cancellationToken);
            return outcomes;
        }
        catch
        {
            if (_inTransaction)
                await RollbackQuietlyAsync();
            throw;
        }
    }

    /// <summary>Commits the open transaction, if there is one.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (!_inTransaction || _statements is null)
            return;
        try
        {
            await _statements.CommitAsync(cancellationToken);
            _inTransaction = false;
        }
        catch
        {
            await RollbackQuietlyAsync();
            throw;
        }
    }

    private async Task RollbackQuietlyAsync()
    {
        _inTransaction = false;
        _knownAuthors.Clear(); // their upserts are rolled back with the transaction
        try
        {
            await _statements!.RollbackAsync(CancellationToken.None);
        }
        catch (Exception rollback) when (rollback is SqliteException or NpgsqlException or InvalidOperationException)
        {
            // A failed commit or a broken connection may have ended the transaction already; that error is the one to see.
        }
    }

    /// <summary>Moves replies that arrived before their parents onto their thread's root. Run after an import.</summary>
    public async Task<int> ResolveThreadsAsync(CancellationToken cancellationToken)
    {
        await CommitAsync(cancellationToken);
        if (Interlocked.Exchange(ref _orphanReplies, 0) == 0)
            return 0;
        var statements = await OpenAsync(cancellationToken);
        var total = 0;
        // Bounded: a reply cycle in hostile data must not loop forever.
        for (var pass = 0; pass < 64; pass++)
        {
            var changed = await statements.ExecuteAsync(IngestSql.ResolveThreadsStep, cancellationToken);
            total += changed;
            if (changed == 0)
                break;
        }
        return total;
    }

    private async Task<IIngestStatements> OpenAsync(CancellationToken cancellationToken)
    {
        if (_statements is not null)
            return _statements;
        if (_target.Provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new SqliteConnection(_target.ConnectionString);
            await sqlite.OpenAsync(cancellationToken);
            SqlitePragmas.ApplyBulkWriter(sqlite, _target.CheckpointsInBackground);
            (_connection, _statements) = (sqlite, new SqliteIngestStatements(sqlite));
        }
        else
        {
            var npgsql = new NpgsqlConnection(_target.ConnectionString);
            await npgsql.OpenAsync(cancellationToken);
            (_connection, _statements) = (npgsql, new PostgresIngestStatements(npgsql));
        }
        return _statements;
    }

    private async Task<Dictionary<(Guid Channel, string Handle), Guid>> UpsertAuthorsAsync(
        IIngestStatements statements, IReadOnlyList<IngestRow> rows, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<(Guid, string), Guid>();
        var upserts = new List<object?[]>();
        if (_knownAuthors.Count > KnownAuthorLimit)
            _knownAuthors.Clear();
        foreach (var row in rows)
        {
            var key = (row.ChannelId, row.Post.Author);
            if (ids.ContainsKey(key))
                continue;
            var id = StableIds.Author(row.ChannelId, row.Post.Author);
            ids[key] = id;
            var details = Fingerprint(row.Post.AuthorFollowers, row.Post.AuthorDisplayName, row.Post.AuthorProfileUrl);
            if (_knownAuthors.TryGetValue(id, out var known) && known == details)
                continue;
            _knownAuthors[id] = details;
            upserts.Add([id, row.ChannelId, row.Post.Author, row.Post.AuthorDisplayName, row.Post.AuthorFollowers, row.Post.AuthorProfileUrl]);
        }
        await statements.ExecuteManyAsync(IngestSql.UpsertAuthor, upserts, cancellationToken);
        return ids;
    }

    /// <summary>
    /// 64 bits from two differently ordered hashes: changed details (a new follower count) that happen to keep the
    /// same fingerprint are written at the author's next change instead, a chance far below one in a billion.
    /// </summary>
    private static long Fingerprint(int? followers, string? name, string? profile) =>
        ((long)HashCode.Combine(followers, name, profile) << 32) | (uint)HashCode.Combine(profile, followers, name, 0x5EED);

    private async Task<List<PreparedPost>> PrepareRowsAsync(
        IIngestStatements statements, IReadOnlyList<IngestRow> rows, Dictionary<(Guid, string), Guid> authorIds,
        DateTime received, CancellationToken cancellationToken)
    {
        var threadsInBatch = new Dictionary<(Guid, string), string>();
        var prepared = new List<PreparedPost>(rows.Count);
        foreach (var row in rows)
        {
            var post = row.Post;
            var thread = post.ExternalId;
            if (post.InReplyTo is { } parent)
            {
                if (threadsInBatch.TryGetValue((row.ChannelId, parent), out var known))
                    thread = known;
                else if ((await statements.QueryRowAsync(IngestSql.FindThread, [row.ChannelId, parent], cancellationToken))?[0] is string stored)
                    thread = stored;
                else
                    (thread, _orphanReplies) = (post.ThreadRoot ?? parent, _orphanReplies + 1);
            }
            threadsInBatch.TryAdd((row.ChannelId, post.ExternalId), thread);
            prepared.Add(new PreparedPost(row, Guid.CreateVersion7(received), authorIds[(row.ChannelId, post.Author)], thread,
                post.CreatedAt ?? received));
        }
        return prepared;
    }

    private static async Task InsertAttachmentsAsync(
        IIngestStatements statements, List<PreparedPost> prepared, int[] inserted, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        for (var i = 0; i < prepared.Count; i++)
        {
            if (inserted[i] == 0)
                continue;
            var attachments = prepared[i].Row.Post.Attachments;
            for (var position = 0; position < attachments.Count; position++)
            {
                var a = attachments[position];
                rows.Add([prepared[i].PostId, position, a.FileName, a.ContentType, a.Size, a.Sha256, a.Content is null, a.Content]);
            }
        }
        if (rows.Count > 0)
            await statements.ExecuteManyAsync(IngestSql.InsertAttachment, rows, cancellationToken);
    }

    private static async Task<IngestOutcome> ApplyDuplicateAsync(
        IIngestStatements statements, PreparedPost post, DateTime received, CancellationToken cancellationToken)
    {
        var existing = await statements.QueryRowAsync(IngestSql.FindExisting, [post.Row.ChannelId, post.Row.Post.ExternalId], cancellationToken)
            ?? throw new InvalidOperationException($"Post {post.Row.Post.ExternalId} was neither inserted nor found.");
        var existingId = Guid.Parse((string)existing[0]!);
        var (existingText, existingRaw) = ((string)existing[1]!, (string)existing[2]!);
        if (string.Equals(existingText, post.Row.Post.Text, StringComparison.Ordinal))
            return new IngestOutcome(existingId, IngestStatus.Duplicate);

        await statements.ExecuteManyAsync(IngestSql.InsertRevision,
            [[Guid.CreateVersion7(received), existingId, existingText, existingRaw, received]], cancellationToken);
        await statements.ExecuteManyAsync(IngestSql.UpdateEdited,
            [[post.Row.Post.Text, post.Row.Post.RawPayload, received, false, existingId]], cancellationToken);
        return new IngestOutcome(existingId, IngestStatus.Edited);
    }

    /// <summary>A transaction still open is rolled back: only commits keep posts.</summary>
    public async ValueTask DisposeAsync()
    {
        // Explicitly: a pooled SQLite connection would otherwise go back to the pool still inside the transaction.
        if (_inTransaction && _statements is not null)
            await RollbackQuietlyAsync();
        if (_statements is not null)
            await _statements.DisposeAsync();
        if (_connection is not null)
            await _connection.DisposeAsync();
        (_statements, _connection) = (null, null);
    }

    private sealed record PreparedPost(IngestRow Row, Guid PostId, Guid AuthorId, string Thread, DateTime CreatedAt)
    {
        public object?[] Values(DateTime received) =>
        [
            PostId, Row.WorkspaceId, Row.ChannelId, Row.Post.ExternalId, AuthorId, Row.Post.Text, Row.Post.Language,
            CreatedAt, received, Row.Post.Url, Row.Post.InReplyTo, Thread, Row.Post.IsBrand, false, Row.Post.RawPayload,
            (int)PipelineStep.Stored,
        ];
    }
}
