using System.Data.Common;
using Npgsql;

namespace Earshot.Storage.Postgres;

/// <summary>
/// Turns what a user passes as `--db` for PostgreSQL (key=value pairs, or a `postgres://user:password@host:port/db`
/// URI as hosting providers print it) into the Npgsql connection string Earshot uses, with its defaults.
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>
    /// Two defaults, each overridden by a setting in the connection string. Statements Earshot runs over and over
    /// (claims, queue reads, pipeline writes) are prepared on each connection after a few uses, so PostgreSQL stops
    /// parsing and planning them every time (nearly twice the claims per second). And at most ten connections: fifty
    /// busy backends on a small server spend their time switching and waiting on each other's locks, and "next case"
    /// for 50 agents went from a 403 ms p95 with 50 connections to 76 ms with 8 (docs/BENCHMARKS.md).
    /// </summary>
    public static string Normalise(string value)
    {
        NpgsqlConnectionStringBuilder builder;
        HashSet<string> given;
        try
        {
            var keyValues = value.Contains("://", StringComparison.Ordinal) ? FromUri(value) : value;
            // Npgsql's builder answers ContainsKey for every keyword it knows; what the user wrote is in a plain one.
            given = new DbConnectionStringBuilder { ConnectionString = keyValues }.Keys.Cast<string>()
                .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
            builder = new NpgsqlConnectionStringBuilder(keyValues);
        }
        catch (ArgumentException error)
        {
            throw new FormatException(error.ParamName is { } setting
                ? $"--db: the PostgreSQL setting '{setting}' is unknown or has a value it cannot take"
                : $"--db: not a PostgreSQL connection string Earshot can read ({error.Message})", error);
        }
        if (!given.Contains("maxautoprepare"))
            builder.MaxAutoPrepare = 64;
        if (!given.Overlaps(["maximumpoolsize", "maxpoolsize"]))
            builder.MaxPoolSize = 10;
        return builder.ConnectionString;
    }

    private static string FromUri(string value)
    {
        // Errors name the setting, never the password.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql") || uri.Host.Length == 0)
            throw new FormatException($"--db: '{Redacted(value)}' is not a postgres://user:password@host:port/database URI");
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0)
            builder.Port = uri.Port;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
            builder.Database = database;
        if (uri.UserInfo.Length > 0)
        {
            var (user, password) = uri.UserInfo.Split(':', 2) is [var u, var p] ? (u, p) : (uri.UserInfo, null);
            builder.Username = Uri.UnescapeDataString(user);
            if (password is not null)
                builder.Password = Uri.UnescapeDataString(password);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, setting) = pair.Split('=', 2) is [var k, var v] ? (Uri.UnescapeDataString(k), Uri.UnescapeDataString(v)) : (pair, "");
            if (key == "sslmode")
                builder.SslMode = Enum.Parse<SslMode>(setting.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
            else
                builder[key] = setting;
        }
        return builder.ConnectionString;
    }

    private static string Redacted(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value, "://([^:/@]*):[^@]*@", "://$1:***@");
}
