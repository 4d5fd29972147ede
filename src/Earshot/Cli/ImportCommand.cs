using System.CommandLine;
using Earshot.Engine.Importers;
using Earshot.Engine.Workspaces;
using Earshot.Storage.Ingest;
using Spectre.Console;

namespace Earshot.Cli;

internal static class ImportCommand
{
    public static Command Create(TimeProvider clock)
    {
        var file = new Argument<FileInfo>("file") { Description = "The file to import" };
        var format = new Option<string?>("--format") { Description = "jsonl, airline or twcs (default: detected from the first line)" };
        var workspace = CommonOptions.Workspace();
        var db = CommonOptions.Db();
        var command = new Command("import", "Import posts from a file: streams it, stores each post once, and reports what it did")
        {
            file, format, workspace, db,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ImportFormat? chosen = null;
            if (parse.GetValue(format) is { } formatName)
            {
                if (!ImportFormats.TryParse(formatName, out var parsed))
                {
                    await Console.Error.WriteLineAsync($"error: unknown --format '{formatName}'; expected jsonl, airline or twcs");
                    return EarshotCli.UsageError;
                }
                chosen = parsed;
            }
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: no such file: {path.FullName}");
                return EarshotCli.BadInput;
            }
            return await RunAsync(path.FullName, chosen, parse.GetValue(workspace), DatabaseTarget.Parse(parse.GetValue(db)), clock, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string path, ImportFormat? format, string? workspace, DatabaseTarget target, TimeProvider clock, CancellationToken cancellationToken)
    {
        await Migrator.MigrateAsync(target, cancellationToken);
        await using var writer = new PostWriter(target, clock);
        var importer = new PostImporter(new WorkspaceDirectory(new EarshotDbContextFactory(target), clock), writer);
        var rejectedShown = 0;
        void OnRejected(ImportItem item)
        {
            // Every rejection is reported, up to a limit that keeps a badly broken file readable.
            if (++rejectedShown <= 1000)
                Console.Error.WriteLine($"line {item.Line}: {item.Error}");
            else if (rejectedShown == 1001)
                Console.Error.WriteLine("(more rejected lines are counted but not shown)");
        }

        ImportSummary summary;
        try
        {
            summary = Console.IsOutputRedirected || Console.IsErrorRedirected
                ? await importer.ImportAsync(path, format, workspace, OnRejected, new PlainProgress(clock), cancellationToken)
                : await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
                {
                    var task = context.AddTask($"Importing {Path.GetFileName(path)}", maxValue: 1);
                    return await importer.ImportAsync(path, format, workspace, OnRejected, new BarProgress(task), cancellationToken);
                });
        }
        catch (ImportFormatException error)
        {
            await Console.Error.WriteLineAsync($"error: {path}: {error.Message}");
            return EarshotCli.BadInput;
        }
        Console.WriteLine(summary.ToString());
        return summary.Rejected > 0 ? EarshotCli.BadInput : EarshotCli.Ok;
    }

    private sealed class BarProgress(ProgressTask task) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            task.MaxValue = Math.Max(1, value.TotalBytes);
            task.Value = value.BytesRead;
            task.Description = $"read {value.Read:N0} · stored {value.Stored:N0} · rejected {value.Rejected:N0}";
        }
    }

    /// <summary>Without a terminal: a plain line at most every five seconds.</summary>
    private sealed class PlainProgress(TimeProvider clock) : IProgress<ImportProgress>
    {
        private long _last = clock.GetTimestamp();

        public void Report(ImportProgress value)
        {
            if (clock.GetElapsedTime(_last) < TimeSpan.FromSeconds(5))
                return;
            _last = clock.GetTimestamp();
            var percent = value.TotalBytes == 0 ? 100 : 100.0 * value.BytesRead / value.TotalBytes;
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{percent:0}%: read {value.Read}, stored {value.Stored}, rejected {value.Rejected}"));
        }
    }
}
