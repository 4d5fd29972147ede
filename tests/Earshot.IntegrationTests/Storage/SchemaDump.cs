using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Earshot.IntegrationTests.Storage;

/// <summary>
/// A database's schema as stable text, for comparing two databases: SQLite's <c>sqlite_master</c> (every table, index,
/// partial index and trigger with the SQL that made it), PostgreSQL's <c>pg_dump --schema-only</c> without the lines
/// that vary from run to run. Rows are never dumped, so the migrations history table appears with its shape only.
/// </summary>
internal static partial class SchemaDump
{
    public static Task<string> OfAsync(DatabaseTarget target, CancellationToken cancellationToken) =>
        target.Provider == DatabaseProvider.Sqlite ? SqliteAsync(target, cancellationToken) : PostgresAsync(target, cancellationToken);

    private static async Task<string> SqliteAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        await using var db = target.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master";
        var entries = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                // Indexes SQLite makes for UNIQUE and PRIMARY KEY constraints have no SQL of their own.
                var sql = reader.IsDBNull(3) ? "" : reader.GetString(3).Replace("\r\n", "\n", StringComparison.Ordinal) + ";";
                entries.Add($"-- {reader.GetString(0)} {reader.GetString(1)} on {reader.GetString(2)}\n{sql}".TrimEnd('\n'));
            }
        }
        return Join(entries);
    }

    private static async Task<string> PostgresAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        var start = new ProcessStartInfo(PgDump()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--schema-only", "--no-owner", "--no-privileges", "-h", connection.Host!, "-p",
                     connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", connection.Username!, "-d", connection.Database! })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg_dump failed ({process.ExitCode}): {await error}");
        return NormalisePgDump(await output);
    }

    /// <summary>
    /// Drops what changes between servers and runs (comments with versions, SET lines, the random key of
    /// <c>\restrict</c>) and sorts the statements, so the text depends on the schema alone.
    /// </summary>
    private static string NormalisePgDump(string dump)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in dump.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith("--", StringComparison.Ordinal) || line.StartsWith("SET ", StringComparison.Ordinal)
                || line.StartsWith("SELECT pg_catalog.set_config(", StringComparison.Ordinal) || line.StartsWith('\\'))
                continue;
            current.Append(line).Append('\n');
            if (line.EndsWith(';'))
            {
                statements.Add(current.ToString().TrimEnd('\n'));
                current.Clear();
            }
        }
        if (current.Length > 0)
            statements.Add(current.ToString().TrimEnd('\n'));
        return Join(statements);
    }

    /// <summary>
    /// The dump with each table's columns one a line in name order (table constraints after them, as they were) and
    /// without the DEFAULT of the columns <paramref name="dropDefault"/> names: for comparing schemas whose tables
    /// hold the same columns in another order.
    /// </summary>
    public static string WithColumnsSorted(string dump, Func<string, string, bool> dropDefault)
    {
        var entries = dump.TrimEnd('\n').Split("\n\n").Select(entry =>
        {
            var table = CreateTable().Match(entry);
            if (!table.Success)
                return entry;
            var open = table.Index + table.Length;
            var close = entry.LastIndexOf(')');
            var items = TopLevelItems(entry[open..close]);
            var columns = items.Where(item => !IsTableConstraint(item))
                .Select(column => dropDefault(table.Groups[1].Value, column.Split(' ')[0].Trim('"')) ? Default().Replace(column, "") : column)
                .Order(StringComparer.Ordinal);
            return entry[..open] + "\n    " + string.Join(",\n    ", columns.Concat(items.Where(IsTableConstraint))) + "\n" + entry[close..];
        }).ToList();
        return Join(entries);
    }

    private static bool IsTableConstraint(string item) =>
        item.StartsWith("CONSTRAINT ", StringComparison.Ordinal) || item.StartsWith("PRIMARY KEY", StringComparison.Ordinal)
        || item.StartsWith("FOREIGN KEY", StringComparison.Ordinal) || item.StartsWith("UNIQUE", StringComparison.Ordinal)
        || item.StartsWith("CHECK", StringComparison.Ordinal);

    /// <summary>A table body split at the commas outside parentheses and quotes, each item on one line.</summary>
    private static List<string> TopLevelItems(string body)
    {
        var items = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        char? quote = null;
        foreach (var c in body)
        {
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
            }
            else if (c is '"' or '\'')
                quote = c;
            else if (c == '(')
                depth++;
            else if (c == ')')
                depth--;
            else if (c == ',' && depth == 0)
            {
                items.Add(Flatten(current.ToString()));
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        items.Add(Flatten(current.ToString()));
        return items.Where(item => item.Length > 0).ToList();
    }

    private static string Flatten(string item) => string.Join(' ', item.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    // "CREATE TABLE public.cases (" (pg_dump) or "CREATE TABLE \"cases\" (" (SQLite), the table's name captured.
    [GeneratedRegex(@"^CREATE TABLE (?:public\.)?""?(\w+)""? \(", RegexOptions.Multiline)]
    private static partial Regex CreateTable();

    // PostgreSQL writes DEFAULT before NOT NULL, SQLite after it.
    [GeneratedRegex(@" DEFAULT .*?(?= NOT NULL$|$)")]
    private static partial Regex Default();

    private static string Join(List<string> entries)
    {
        entries.Sort(StringComparer.Ordinal);
        return string.Join("\n\n", entries) + "\n";
    }

    private static string PgDump()
    {
        const string root = "/usr/lib/postgresql";
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin", "pg_dump"))
            .Where(File.Exists)
            .OrderByDescending(path => path, StringComparer.Ordinal)
            .First();
    }
}
