using System.Data.Common;
using Earshot.Core.Pipeline;
using Earshot.Core.Posts;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Earshot.Storage.Ingest;

/// <summary>
/// Stores incoming posts idempotently, a batch per transaction. This is the ingest hot path, so it speaks SQL
/// directly: prepared statements row by row on SQLite (in-process, no round trips), one batched round trip per
/// statement kind on PostgreSQL.
/// </summary>
public sealed partial class PostWriter : IAsyncDisposable
{
    private readonly DatabaseTarget _target;
    private readonly TimeProvider _clock;
    private DbConnection? _connection;

    public PostWriter(DatabaseTarget target, TimeProvider clock)
    {
        _target = target;
        _clock = clock;
    }

    private bool IsSqlite => _target.Provider == DatabaseProvider.Sqlite;

    public async Task<IReadOnlyList<IngestOutcome>> WriteAsync(IReadOnlyList<IngestRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return [];
        var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var received = _clock.GetUtcNow().UtcDateTime;

        var authorIds = await UpsertAuthorsAsync(connection, transaction, rows, cancellationToken);
        var prepared = await PrepareRowsAsync(connection, transaction, rows, authorIds, received, cancellationToken);
        var inserted = await InsertPostsAsync(connection, transaction, prepared, cancellationToken);

        var outcomes = new IngestOutcome[rows.Count];
        for (var i = 0; i < prepared.Count; i++)
        {
            outcomes[i] = inserted[i]
                ? new IngestOutcome(prepared[i].PostId, IngestStatus.Stored)
                : await ApplyDuplicateAsync(connection, transaction, prepared[i], received, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    /// <summary>Moves replies that arrived before their parents onto their thread's root. Run after an import.</summary>
    public async Task<int> ResolveThreadsAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        var total = 0;
        // Bounded: a reply cycle in hostile data must not loop forever.
        for (var pass = 0; pass < 64; pass++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = IngestSql.ResolveThreadsStep;
            command.CommandTimeout = 600;
            var changed = await command.ExecuteNonQueryAsync(cancellationToken);
            total += changed;
            if (changed == 0)
                break;
        }
        return total;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
            return _connection;
        DbConnection connection = IsSqlite
            ? new SqliteConnection(_target.ConnectionString)
            : new NpgsqlConnection(_target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (IsSqlite)
            Sqlite.SqlitePragmas.Apply(connection);
        _connection = connection;
        return connection;
    }

    private async Task<Dictionary<(Guid Channel, string Handle), Guid>> UpsertAuthorsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<IngestRow> rows, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<(Guid, string), Guid>();
        var statements = new List<DbParameter[]>();
        foreach (var row in rows)
        {
            var key = (row.ChannelId, row.Post.Author);
            if (ids.ContainsKey(key))
                continue;
            var id = StableIds.Author(row.ChannelId, row.Post.Author);
            ids[key] = id;
            statements.Add(
            [
                Param("id", id), Param("channel", row.ChannelId), Param("handle", row.Post.Author),
                Param("name", row.Post.AuthorDisplayName), Param("followers", row.Post.AuthorFollowers),
                Param("profile", row.Post.AuthorProfileUrl),
            ]);
        }
        await ExecuteManyAsync(connection, transaction, IngestSql.UpsertAuthor, statements, cancellationToken);
        return ids;
    }

    private async Task<List<PreparedPost>> PrepareRowsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<IngestRow> rows,
        Dictionary<(Guid, string), Guid> authorIds, DateTime received, CancellationToken cancellationToken)
    {
        var threadsInBatch = new Dictionary<(Guid, string), string>();
        var prepared = new List<PreparedPost>(rows.Count);
        foreach (var row in rows)
        {
            var post = row.Post;
            var thread = post.ExternalId;
            if (post.InReplyTo is { } parent)
            {
                thread = threadsInBatch.TryGetValue((row.ChannelId, parent), out var known)
                    ? known
                    : await FindThreadAsync(connection, transaction, row.ChannelId, parent, cancellationToken) ?? parent;
            }
            threadsInBatch.TryAdd((row.ChannelId, post.ExternalId), thread);
            prepared.Add(new PreparedPost(row, Guid.CreateVersion7(received), authorIds[(row.ChannelId, post.Author)], thread,
                post.CreatedAt ?? received));
        }
        return prepared;
    }

    private async Task<bool[]> InsertPostsAsync(
        DbConnection connection, DbTransaction transaction, List<PreparedPost> prepared, CancellationToken cancellationToken)
    {
        var received = _clock.GetUtcNow().UtcDateTime;
        var statements = prepared.Select(p => new[]
        {
            Param("id", p.PostId), Param("workspace", p.Row.WorkspaceId), Param("channel", p.Row.ChannelId),
            Param("external", p.Row.Post.ExternalId), Param("author", p.AuthorId), Param("text", p.Row.Post.Text),
            Param("lang", p.Row.Post.Language), Param("created", p.CreatedAt), Param("received", received),
            Param("url", p.Row.Post.Url), Param("reply", p.Row.Post.InReplyTo), Param("thread", p.Thread),
            Param("brand", p.Row.Post.IsBrand), Param("deleted", false), Param("raw", p.Row.Post.RawPayload),
            Param("stage", (int)PipelineStep.Stored),
        }).ToList();
        var affected = await ExecuteManyAsync(connection, transaction, IngestSql.InsertPost, statements, cancellationToken);
        return affected.Select(n => n > 0).ToArray();
    }

    private async Task<IngestOutcome> ApplyDuplicateAsync(
        DbConnection connection, DbTransaction transaction, PreparedPost post, DateTime received, CancellationToken cancellationToken)
    {
        Guid existingId;
        string existingText, existingRaw;
        await using (var find = connection.CreateCommand())
        {
            find.Transaction = transaction;
            find.CommandText = IngestSql.FindExisting;
            find.Parameters.Add(Param("channel", post.Row.ChannelId));
            find.Parameters.Add(Param("external", post.Row.Post.ExternalId));
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
                throw new InvalidOperationException($"Post {post.Row.Post.ExternalId} was neither inserted nor found.");
            existingId = IsSqlite ? Guid.Parse(reader.GetString(0)) : reader.GetGuid(0);
            existingText = reader.GetString(1);
            existingRaw = reader.GetString(2);
        }
        if (string.Equals(existingText, post.Row.Post.Text, StringComparison.Ordinal))
            return new IngestOutcome(existingId, IngestStatus.Duplicate);

        await ExecuteManyAsync(connection, transaction, IngestSql.InsertRevision,
            [[Param("id", Guid.CreateVersion7(received)), Param("post", existingId), Param("text", existingText),
              Param("raw", existingRaw), Param("at", received)]], cancellationToken);
        await ExecuteManyAsync(connection, transaction, IngestSql.UpdateEdited,
            [[Param("text", post.Row.Post.Text), Param("raw", post.Row.Post.RawPayload), Param("at", received),
              Param("deleted", false), Param("id", existingId)]], cancellationToken);
        return new IngestOutcome(existingId, IngestStatus.Edited);
    }

    private async Task<string?> FindThreadAsync(
        DbConnection connection, DbTransaction transaction, Guid channelId, string parent, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = IngestSql.FindThread;
        command.Parameters.Add(Param("channel", channelId));
        command.Parameters.Add(Param("external", parent));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _connection = null;
    }

    private sealed record PreparedPost(IngestRow Row, Guid PostId, Guid AuthorId, string Thread, DateTime CreatedAt);
}
