using Earshot.Storage.Postgres;
using Earshot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Storage;

/// <summary>
/// Where the data lives, from the `--db` option: a PostgreSQL connection string ("Host=…;Database=…") or a path to a
/// SQLite file.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlitePath = "earshot-data/earshot.db";

    public static DatabaseTarget Parse(string? db)
    {
        db = string.IsNullOrWhiteSpace(db) ? DefaultSqlitePath : db.Trim();
        if (LooksLikePostgres(db))
            return new(DatabaseProvider.Postgres, WithPostgresDefaults(db));

        var path = db.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? new SqliteConnectionStringBuilder(db).DataSource
            : db;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var builder = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 };
        return new(DatabaseProvider.Sqlite, builder.ToString());
    }

    /// <summary>
    /// Two defaults, each overridden by a setting in the connection string. Statements Earshot runs over and over
    /// (claims, queue reads, pipeline writes) are prepared on each connection after a few uses, so PostgreSQL stops
    /// parsing and planning them every time (nearly twice the claims per second). And at most ten connections: fifty
    /// busy backends on a small server spend their time switching and waiting on each other's locks, and "next case"
    /// for 50 agents went from a 403 ms p95 with 50 connections to 76 ms with 8 (docs/BENCHMARKS.md).
    /// </summary>
    private static string WithPostgresDefaults(string connectionString)
    {
        if (connectionString.Contains("://", StringComparison.Ordinal))
            return connectionString;
        // Npgsql's builder answers ContainsKey for every keyword it knows; what the user wrote is in a plain builder.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("maxautoprepare"))
            builder.MaxAutoPrepare = 64;
        if (!given.Overlaps(["maximumpoolsize", "maxpoolsize"]))
            builder.MaxPoolSize = 10;
        return builder.ConnectionString;
    }

    private static bool LooksLikePostgres(string db) =>
        db.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || db.Contains("Server=", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A description safe to print: no password.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => "SQLite " + new SqliteConnectionStringBuilder(ConnectionString).DataSource,
        _ => "PostgreSQL " + new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ConnectionString,
    };

    public EarshotDbContext CreateContext() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteEarshotDbContext(Configure(new DbContextOptionsBuilder<SqliteEarshotDbContext>()).Options),
        _ => new PostgresEarshotDbContext(Configure(new DbContextOptionsBuilder<PostgresEarshotDbContext>()).Options),
    };

    public DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder) where T : DbContext
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            builder.UseSqlite(ConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(DatabaseTarget).Assembly.FullName))
                .AddInterceptors(new SqlitePragmas());
        }
        else
        {
            builder.UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsAssembly(typeof(DatabaseTarget).Assembly.FullName));
        }
        return builder;
    }
}
