using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Earshot.IntegrationTests.Storage;

/// <summary>A connection that finds the write lock taken retries every millisecond, within its budget.</summary>
public sealed class SqliteBusyWaitTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "earshot-busy-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _connectionString;

    public SqliteBusyWaitTests()
    {
        Directory.CreateDirectory(_directory);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "busy.db"), Pooling = false }.ToString();
    }

    [Fact]
    public async Task AWaitingWriter_RetriesUntilTheLockIsReleased_ThenWrites()
    {
        using var holder = HoldWriteLock();
        using var waiter = Open();
        Assert.True(SqliteBusyWait.Install(waiter), "the native busy handler was not installed");
        var before = SqliteBusyWait.Retries;

        var writing = Task.Run(() => Execute(waiter, "INSERT INTO t VALUES (2)"), TestContext.Current.CancellationToken);
        await Wait.UntilAsync(() => Task.FromResult(SqliteBusyWait.Retries - before >= 20), "the waiter to retry", 10);
        Assert.False(writing.IsCompleted);
        Execute(holder, "COMMIT");
        await writing.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(2L, Scalar(holder, "SELECT count(*) FROM t"));
    }

    [Fact]
    public void AWaitingWriter_GivesUpWhenItsBudgetIsSpent()
    {
        using var holder = HoldWriteLock();
        using var waiter = Open();
        Assert.True(SqliteBusyWait.Install(waiter, budgetMilliseconds: 50));
        using var command = waiter.CreateCommand();
        command.CommandText = "INSERT INTO t VALUES (2)";
        command.CommandTimeout = 1; // Microsoft.Data.Sqlite's own retries stop after a second

        var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

        Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY
        Execute(holder, "COMMIT");
        Assert.Equal(1L, Scalar(holder, "SELECT count(*) FROM t"));
    }

    private SqliteConnection HoldWriteLock()
    {
        var holder = Open();
        Execute(holder, "PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);");
        return holder;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
