using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Earshot.Cli;

/// <summary>
/// Failures that are the operator's to fix (a wrong --db, a database server that is down, a port already taken) and
/// so are told as one plain sentence, without the stack trace that a bug deserves.
/// </summary>
internal static class CliFailures
{
    /// <summary>The sentence for an operator's mistake; null for anything else, which is a bug.</summary>
    public static string? Explain(Exception error) => error switch
    {
        DatabaseFromEarlierBuildException => error.Message,
        SqliteException { SqliteErrorCode: 26 } =>
            "error: --db is not a SQLite database (SQLite: file is not a database); point it at an Earshot database or at a path where one should be made",
        SqliteException { SqliteErrorCode: 10 or 14 } sqlite =>
            $"error: --db cannot be opened as a SQLite file (SQLite: {sqlite.Message.Split('\'').ElementAtOrDefault(1) ?? sqlite.Message}); is it a directory, or unwritable?",
        PostgresException postgres => $"error: PostgreSQL refused: {postgres.MessageText}",
        NpgsqlException { InnerException: SocketException or TimeoutException } npgsql => $"error: cannot reach PostgreSQL: {npgsql.Message}",
        IOException { InnerException: AddressInUseException } or IOException { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } } =>
            $"error: {error.Message} Stop what is listening there, or choose another --urls.",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Explain(aggregate.InnerExceptions[0]),
        _ when error.InnerException is { } inner && error is InvalidOperationException => Explain(inner),
        _ => null,
    };
}
