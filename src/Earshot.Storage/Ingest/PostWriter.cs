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
    // Authors whose committed details need no upsert, and those this transaction upserted (handed over at commit).
    private readonly KnownAuthors _knownAuthors;
    private readonly Dictionary<Guid, WrittenAuthor> _upsertedAuthors = [];
    // Channels this transaction has confirmed exist (see VerifyChannelsAsync).
    private readonly HashSet<(Guid Workspace, Guid Channel)> _verifiedChannels = [];
    private readonly DatabaseTarget _target;
    private readonly TimeProvider _clock;
    private System.Data.Common.DbConnection? _connection;
    // Parents that replies pointed at before they were stored. Only when one of them is stored later does
    // ResolveThreadsAsync have work to do: its passes each read the whole posts table (about 1 s per 1,000,000
    // posts), and most replies whose parent is missing (a conversation joined midway) never get one. Bounded: past
    // the limit, the passes run whatever arrives.
    private const int AwaitedParentLimit = 1_000_000;
    private readonly HashSet<(Guid Channel, string ExternalId)> _awaitedParents = [];
    private bool _lateParentStored;
    private IIngestStatements? _statements;
    // Started once this writer has written enough to be a bulk import; a writer of one batch never needs it.
    private const int WalCopierAfterPosts = 20_000;
    private WalCopier? _walCopier;
    private long _postsWritten;
    // A read connection of its own for FindStoredThreadsAsync, used on the preparing thread.
    private System.Data.Common.DbConnection? _lookupConnection;
    private IIngestStatements? _lookups;
    private bool _inTransaction;

    /// <param name="knownAuthors">Shared by writers of one process (see <see cref="PostWriters"/>); by default the writer's own.</param>
    public PostWriter(DatabaseTarget target, TimeProvider clock, KnownAuthors? knownAuthors = null)
    {
        _target = target;
        _clock = clock;
        _knownAuthors = knownAuthors ?? new KnownAuthors();
    }

    /// <summary>Stores a batch in a transaction of its own.</summary>
    public async Task<IReadOnlyList<IngestOutcome>> WriteAsync(IReadOnlyList<IngestRow> rows, CancellationToken cancellationToken)
    {
        using var batch = Prepare(rows);
        return await WriteAsync(batch, commit: true, cancellationToken);
    }

    /// <inheritdoc cref="WriteAsync(PreparedBatch, bool, CancellationToken)"/>
    public async Task<IReadOnlyList<IngestOutcome>> WriteAsync(IReadOnlyList<IngestRow> rows, bool commit, CancellationToken cancellationToken)
    {
        using var batch = Prepare(rows);
        return await WriteAsync(batch, commit, cancellationToken);
    }

    /// <summary>
    /// Works out what a batch needs that needs no database (see <see cref="PreparedBatch"/>). Safe to call from any
    /// thread while the writer stores another batch; the time it is called is the posts' received time.
    /// </summary>
    public PreparedBatch Prepare(IReadOnlyList<IngestRow> rows)
    {
        var received = _clock.GetUtcNow().UtcDateTime;
        var encoded = _target.Provider == DatabaseProvider.Sqlite ? new EncodedRows(IngestSql.InsertPost.Names.Count, rows.Count) : null;
        var posts = new PreparedPost[rows.Count];
        var ids = TimeOrderedIds.Create(rows.Count, received);
        for (var i = 0; i < posts.Length; i++)
        {
            var (row, post) = (rows[i], rows[i].Post);
            posts[i] = new PreparedPost(row, ids[i], StableIds.Author(row.ChannelId, post.Author),
                Fingerprint(post.AuthorFollowers, post.AuthorDisplayName, post.AuthorProfileUrl));
            if (encoded is not null)
                posts[i].Encode(encoded, received);
        }
        return new PreparedBatch(rows, posts, encoded, received);
    }

    /// <summary>
    /// Looks up, on a read connection of its own, the threads of the batch's replies whose parents are stored and
    /// committed, so the writer has only the rest to look up inside its transaction: in bench `import` these look-ups
    /// took about 2 s of the writer's 20, and here they run on the preparing thread instead. Safe beside a running
    /// write, by one caller at a time. A parent written but not yet committed is not seen here; the writer finds it.
    /// </summary>
    public async Task FindStoredThreadsAsync(PreparedBatch batch, CancellationToken cancellationToken)
    {
        foreach (var prepared in batch.Posts)
        {
            if (prepared.Row.Post.InReplyTo is not { } parent)
                continue;
            _lookups ??= await OpenLookupsAsync(cancellationToken);
            prepared.StoredThread = (await _lookups.QueryRowAsync(IngestSql.FindThread, [prepared.Row.ChannelId, parent], cancellationToken))?[0] as string;
        }
    }

    private async Task<IIngestStatements> OpenLookupsAsync(CancellationToken cancellationToken)
    {
        (_lookupConnection, _lookups) = await ConnectAsync(writer: false, cancellationToken);
        return _lookups;
    }

    /// <summary>
    /// Stores a batch; with <paramref name="commit"/> false the transaction stays open for the next batch, until a
    /// call that commits or <see cref="CommitAsync"/>. A bulk import commits every tens of thousands of posts: each
    /// commit writes every page the transaction touched, and a random-keyed index (posts by author) touches a page
    /// per post, so one commit per 5,000-post batch rewrote the same index pages ten times over.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> WriteAsync(PreparedBatch batch, bool commit, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            if (commit)
                await CommitAsync(cancellationToken);
            return [];
        }
        var statements = await OpenAsync(cancellationToken);
        if (!_inTransaction)
        {
            await statements.BeginAsync(cancellationToken);
            _inTransaction = true;
            _verifiedChannels.Clear();
        }
        try
        {
            var prepared = batch.Posts;
            await VerifyChannelsAsync(statements, batch.Rows, cancellationToken);
            await UpsertAuthorsAsync(statements, prepared, cancellationToken);
            await AssignThreadsAsync(statements, prepared, cancellationToken);
            var inserted = statements is SqliteIngestStatements sqlite && batch.Encoded is { } encoded
                ? sqlite.ExecuteEncoded(IngestSql.InsertPost, encoded, Array.ConvertAll(prepared, p => p.Thread))
                : await statements.ExecuteManyAsync(IngestSql.InsertPost, Array.ConvertAll(prepared, p => p.InsertValues(batch.Received)), cancellationToken);
            var outcomes = new IngestOutcome[prepared.Length];
            for (var i = 0; i < prepared.Length; i++)
            {
                outcomes[i] = inserted[i] > 0
                    ? new IngestOutcome(prepared[i].PostId, IngestStatus.Stored)
                    : await ApplyDuplicateAsync(statements, prepared[i], batch.Received, cancellationToken);
            }
            await InsertAttachmentsAsync(statements, prepared, inserted, cancellationToken);
            _postsWritten += prepared.Length;
            if (_walCopier is null && _postsWritten >= WalCopierAfterPosts && _target.Provider == DatabaseProvider.Sqlite && !_target.CheckpointsInBackground)
                _walCopier = new WalCopier(_target.ConnectionString);
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
            _knownAuthors.Commit(_upsertedAuthors.Values);
            _upsertedAuthors.Clear();
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
        _upsertedAuthors.Clear(); // rolled back with the transaction
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
        if (!_lateParentStored)
            return 0;
        _lateParentStored = false;
        _awaitedParents.Clear();
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
        (_connection, _statements) = await ConnectAsync(writer: true, cancellationToken);
        return _statements;
    }

    /// <summary>The writer's connection (bulk-writer settings on SQLite), or a plain one for look-ups.</summary>
    private async Task<(System.Data.Common.DbConnection, IIngestStatements)> ConnectAsync(bool writer, CancellationToken cancellationToken)
    {
        if (_target.Provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new SqliteConnection(_target.ConnectionString);
            await sqlite.OpenAsync(cancellationToken);
            if (writer)
                SqlitePragmas.ApplyBulkWriter(sqlite, _target.CheckpointsInBackground);
            else
                SqliteBusyWait.Install(sqlite);
            return (sqlite, new SqliteIngestStatements(sqlite));
        }
        var npgsql = new NpgsqlConnection(_target.ConnectionString);
        await npgsql.OpenAsync(cancellationToken);
        return (npgsql, new PostgresIngestStatements(npgsql));
    }

    /// <summary>
    /// The references SQLite's foreign keys would check, done once per channel per transaction instead of three index
    /// look-ups per post (the SQLite writer turns them off, see <see cref="SqlitePragmas.ApplyBulkWriter"/>). Within
    /// the transaction nothing else can write, so a channel found here stays; authors are upserted by this writer
    /// (earlier in the transaction, or in one it committed), and Earshot never deletes channels, workspaces or
    /// authors (a removed channel is disabled, not deleted).
    /// </summary>
    private async Task VerifyChannelsAsync(IIngestStatements statements, IReadOnlyList<IngestRow> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            if (_verifiedChannels.Contains((row.WorkspaceId, row.ChannelId)))
                continue;
            if (await statements.QueryRowAsync(IngestSql.FindChannel, [row.ChannelId, row.WorkspaceId], cancellationToken) is null)
                throw new InvalidOperationException($"Channel {row.ChannelId} of workspace {row.WorkspaceId} does not exist; the batch was not stored.");
            _verifiedChannels.Add((row.WorkspaceId, row.ChannelId));
        }
    }

    private async Task UpsertAuthorsAsync(IIngestStatements statements, PreparedPost[] posts, CancellationToken cancellationToken)
    {
        var upserts = new List<object?[]>();
        var inBatch = new HashSet<Guid>();
        foreach (var post in posts)
        {
            // An author's first post in the batch speaks for it (PostgreSQL refuses to upsert one row twice at once).
            if (!inBatch.Add(post.AuthorId))
                continue;
            long? seen, current;
            if (_upsertedAuthors.TryGetValue(post.AuthorId, out var upserted))
                (seen, current) = (upserted.Seen, upserted.Details);
            else
                seen = current = _knownAuthors.TryGet(post.AuthorId, out var known) ? known : null;
            if (current == post.AuthorDetails)
                continue;
            _upsertedAuthors[post.AuthorId] = new WrittenAuthor(post.AuthorId, seen, post.AuthorDetails);
            var (channel, incoming) = (post.Row.ChannelId, post.Row.Post);
            upserts.Add([post.AuthorId, channel, incoming.Author, incoming.AuthorDisplayName, incoming.AuthorFollowers, incoming.AuthorProfileUrl]);
        }
        await statements.ExecuteManyAsync(IngestSql.UpsertAuthor, upserts, cancellationToken);
    }

    /// <summary>
    /// 64 bits from two differently ordered hashes: changed details (a new follower count) that happen to keep the
    /// same fingerprint are written at the author's next change instead, a chance far below one in a billion.
    /// </summary>
    private static long Fingerprint(int? followers, string? name, string? profile) =>
        ((long)HashCode.Combine(followers, name, profile) << 32) | (uint)HashCode.Combine(profile, followers, name, 0x5EED);

    /// <summary>A reply joins its parent's thread when the parent is in this batch or stored already.</summary>
    private async Task AssignThreadsAsync(IIngestStatements statements, PreparedPost[] posts, CancellationToken cancellationToken)
    {
        var threadsInBatch = new Dictionary<(Guid, string), string>();
        foreach (var prepared in posts)
        {
            var (channel, post) = (prepared.Row.ChannelId, prepared.Row.Post);
            var thread = post.ExternalId;
            if (post.InReplyTo is { } parent)
            {
                if (threadsInBatch.TryGetValue((channel, parent), out var known))
                    thread = known;
                else if (prepared.StoredThread is { } found)
                    thread = found;
                else if ((await statements.QueryRowAsync(IngestSql.FindThread, [channel, parent], cancellationToken))?[0] is string stored)
                    thread = stored;
                else
                {
                    thread = post.ThreadRoot ?? parent;
                    if (_awaitedParents.Count < AwaitedParentLimit)
                        _awaitedParents.Add((channel, parent));
                    else
                        _lateParentStored = true;
                }
            }
            if (_awaitedParents.Count > 0 && _awaitedParents.Contains((channel, post.ExternalId)))
                _lateParentStored = true;
            threadsInBatch.TryAdd((channel, post.ExternalId), thread);
            prepared.Thread = thread;
        }
    }

    private static async Task InsertAttachmentsAsync(
        IIngestStatements statements, PreparedPost[] prepared, int[] inserted, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        for (var i = 0; i < prepared.Length; i++)
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

        var incoming = post.Row.Post;
        if (incoming.RevisedAt is { } revisedAt)
        {
            // Updated first: the revision is written only when this version really replaced the stored one.
            var updated = await statements.ExecuteManyAsync(IngestSql.UpdateEditedIfNewer,
                [[incoming.Text, incoming.RawPayload, revisedAt, false, existingId]], cancellationToken);
            if (updated[0] == 0)
                return new IngestOutcome(existingId, IngestStatus.Duplicate);
        }
        else
        {
            await statements.ExecuteManyAsync(IngestSql.UpdateEdited,
                [[incoming.Text, incoming.RawPayload, received, false, existingId]], cancellationToken);
        }
        await statements.ExecuteManyAsync(IngestSql.InsertRevision,
            [[Guid.CreateVersion7(received), existingId, existingText, existingRaw, received]], cancellationToken);
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
        if (_walCopier is not null)
            await _walCopier.DisposeAsync();
        if (_lookups is not null)
            await _lookups.DisposeAsync();
        if (_lookupConnection is not null)
            await _lookupConnection.DisposeAsync();
        (_statements, _connection, _walCopier, _lookups, _lookupConnection) = (null, null, null, null, null);
    }
}
