using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Earshot.Audit;
using Spectre.Console;

namespace Earshot.Cli;

/// <summary>`earshot audit`: reads the audit log off the database, newest first, as a table or JSON.</summary>
internal static class AuditCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create()
    {
        var db = CommonOptions.Db();
        var since = new Option<string?>("--since") { Description = "Only events at or after this time (ISO 8601; UTC unless an offset is given), e.g. 2025-03-01" };
        var kind = new Option<string?>("--kind") { Description = "Only this kind of event (auth.sign-in), or kinds with this prefix (auth.)" };
        var limit = new Option<int>("--limit") { Description = $"At most this many events (1 to {AuditQuery.MaxLimit})", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("audit", "Read the audit log: sign-ins, access, channel and settings changes, newest first") { db, since, kind, limit, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = new EarshotDbContextFactory(target).CreateDbContext();
            var (filter, field, error) = await AuditQuery.ParseAsync(context, parse.GetValue(kind), null, null, parse.GetValue(since), null, null,
                parse.GetValue(limit), TimeZoneInfo.Utc, cancellationToken);
            if (filter is null)
            {
                await Console.Error.WriteLineAsync($"error: --{field}: {error}");
                return EarshotCli.BadInput;
            }
            var page = await AuditQuery.ReadAsync(context, filter, cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(page.Items, Json));
                return EarshotCli.Ok;
            }
            if (page.Items.Count == 0)
            {
                Console.WriteLine("No audit events match.");
                return EarshotCli.Ok;
            }
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("Time (UTC)").AddColumn("Event").AddColumn("Actor").AddColumn("Workspace").AddColumn("Details");
            foreach (var entry in page.Items)
            {
                // Every value is data (an e-mail someone typed at the login form), never Spectre markup.
                table.AddRow(
                    new Text(entry.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), new Text(entry.Kind),
                    new Text(entry.Actor ?? "-"), new Text(entry.Workspace ?? "-"), new Text(AuditDetails.Line(entry.Data)));
            }
            // Piped into a file or another program, a line may be as long as it needs instead of wrapping at 80 columns.
            if (Console.IsOutputRedirected)
                AnsiConsole.Profile.Width = 240;
            AnsiConsole.Write(table);
            return EarshotCli.Ok;
        });
        return command;
    }
}
