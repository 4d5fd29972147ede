using Earshot.Storage.Postgres;
using Earshot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Earshot.Storage;

/// <summary>
/// Where the data lives, from the `--db` option: a PostgreSQL connection string ("Host=…;Database=…") or a path to a
/// SQLite file.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlitePath = "earshot-data/earshot.db";

    /// <summary>
    /// SQLite: this process checkpoints the WAL on a background thread (<see cref="Sqlite.SqliteWal"/>), so its
    /// connections never do it on commit. Set by the server, which runs the checkpointer; other processes keep
    /// SQLite's automatic checkpoints.
    /// </summary>
    public bool CheckpointsInBackground { get; init; }

    /// <summary>Parses `--db`; a PostgreSQL connection string that cannot be read throws <see cref="FormatException"/>.</summary>
    public static DatabaseTarget Parse(string? db)
    {
        db = string.IsNullOrWhiteSpace(db) ? DefaultSqlitePath : db.Trim();
        if (LooksLikePostgres(db))
            return new(DatabaseProvider.Postgres, PostgresConnectionString.Normalise(db));

        var full = SqlitePath(db);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var builder = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 };
        return new(DatabaseProvider.Sqlite, builder.ToString());
    }

    /// <summary>
    /// The full path of a SQLite `--db` whose file does not exist, for commands that only read and should not make
    /// an empty database by accident; null for PostgreSQL or a file that exists.
    /// </summary>
    public static string? MissingSqliteFile(string? db)
    {
        db = string.IsNullOrWhiteSpace(db) ? DefaultSqlitePath : db.Trim();
        if (LooksLikePostgres(db))
            return null;
        var path = SqlitePath(db);
        return File.Exists(path) || Directory.Exists(path) ? null : path;
    }

    // `--db` names the file as a path or as a SQLite connection string's Data Source.
    private static string SqlitePath(string db) => Path.GetFullPath(
        db.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) ? new SqliteConnectionStringBuilder(db).DataSource : db);

    /// <summary>Why `--db` cannot be used, checked without touching the disk or the server; null when it can.</summary>
    public static string? Problem(string? db)
    {
        if (db is null || !LooksLikePostgres(db.Trim()))
            return null;
        try
        {
            PostgresConnectionString.Normalise(db.Trim());
            return null;
        }
        catch (FormatException error)
        {
            return error.Message;
        }
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

    /// <summary>
    /// A list in a query (`ids.Contains(p.Id)`) goes to the database as one array parameter (SQLite's json_each,
    /// PostgreSQL's `= ANY`), not as one parameter per element: the pipeline asks about 500 posts at a time, and SQLite
    /// finds each named parameter by a linear search, so binding 500 of them cost more than running the query.
    /// </summary>
    public DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder) where T : DbContext
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            builder.UseSqlite(ConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(DatabaseTarget).Assembly.FullName)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(new SqlitePragmas(CheckpointsInBackground));
        }
        else
        {
            builder.UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsAssembly(typeof(DatabaseTarget).Assembly.FullName)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        }
        return builder;
    }
}
