using System.CommandLine;
using CsvHelper;
using Earshot.Core.Understanding.Evaluation;
using Earshot.Core.Understanding.Learning;
using Earshot.Engine.Learning;

namespace Earshot.Cli;

/// <summary>
/// `earshot train [--task sentiment|intent] [--from-csv FILE --text-column C --label-column C]`: trains a new model
/// version from agents' labels (or a labelled CSV), scores it on a held-back 20% and promotes it only when it beats
/// the active model (or the built-in one).
/// </summary>
internal static class TrainCommand
{
    public static Command Create(TimeProvider clock)
    {
        var db = CommonOptions.Db();
        var task = new Option<string?>("--task") { Description = "sentiment or intent (default: both, from stored labels)" };
        var csv = new Option<FileInfo?>("--from-csv") { Description = "Train from a labelled CSV instead of agents' labels" };
        var textColumn = new Option<string?>("--text-column") { Description = "With --from-csv: the column holding the text" };
        var labelColumn = new Option<string?>("--label-column") { Description = "With --from-csv: the column holding the label" };
        var minimum = new Option<int?>("--min-labels") { Description = $"Fewest examples to train on (default {new LearningOptions().MinimumLabels})" };
        var command = new Command("train", "Train, evaluate and (when better) promote the trained sentiment/intent model") { db, task, csv, textColumn, labelColumn, minimum };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var taskName = parse.GetValue(task)?.ToLowerInvariant();
            if (taskName is not null && !LearningTasks.All.Contains(taskName))
                return await UsageAsync($"--task must be sentiment or intent, not '{taskName}'");
            var file = parse.GetValue(csv);
            if (file is not null && (taskName is null || parse.GetValue(textColumn) is null || parse.GetValue(labelColumn) is null))
                return await UsageAsync("--from-csv needs --task, --text-column and --label-column");
            var target = DatabaseTarget.Parse(parse.GetValue(db));
            await Migrator.MigrateAsync(target, cancellationToken);
            await using var context = target.CreateContext();
            var min = parse.GetValue(minimum) ?? new LearningOptions().MinimumLabels;
            var now = clock.GetUtcNow().UtcDateTime;
            var anyPromoted = false;
            foreach (var name in taskName is null ? LearningTasks.All : [taskName])
            {
                List<LabelledText> examples;
                string source;
                if (file is not null)
                {
                    if (!file.Exists)
                    {
                        await Console.Error.WriteLineAsync($"error: no such file: {file.FullName}");
                        return EarshotCli.BadInput;
                    }
                    try
                    {
                        examples = ReadCsv(file.FullName, parse.GetValue(textColumn)!, parse.GetValue(labelColumn)!, name);
                    }
                    catch (InvalidDataException error)
                    {
                        await Console.Error.WriteLineAsync($"error: {file.Name}: {error.Message}");
                        return EarshotCli.BadInput;
                    }
                    source = "csv:" + file.Name;
                }
                else
                {
                    examples = await ModelRegistry.LabelsAsync(context, name, cancellationToken);
                    source = "labels";
                }
                var outcome = await ModelRegistry.TrainAsync(context, name, examples, source, min, now, cancellationToken);
                Console.WriteLine(outcome.Message);
                anyPromoted |= outcome.Promoted;
            }
            if (anyPromoted)
                Console.WriteLine("Stored posts will be re-classified by the running server (see GET /api/models/reclassify).");
            return EarshotCli.Ok;
        });
        return command;
    }

    /// <summary>Rows whose label is not one of the task's are an error naming the line: training on typos is worse than stopping.</summary>
    private static List<LabelledText> ReadCsv(string path, string textColumn, string labelColumn, string task)
    {
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true });
        foreach (var column in new[] { textColumn, labelColumn })
        {
            if (!reader.Headers.Contains(column, StringComparer.Ordinal))
                throw new InvalidDataException($"line 1: no column '{column}'; the header has {string.Join(", ", reader.Headers)}");
        }
        var examples = new List<LabelledText>();
        while (reader.Read())
        {
            var raw = reader.GetString(labelColumn);
            var label = task == LearningTasks.Sentiment ? EvaluationTasks.NormaliseExpected(EvaluationTasks.Sentiment, raw) : raw.Trim().ToLowerInvariant();
            if (label is null || !LearningTasks.IsValid(task, label))
                throw new InvalidDataException($"line {reader.LineNumber}: '{raw}' is not a {task} label ({string.Join(", ", LearningTasks.LabelsOf(task))})");
            examples.Add(new LabelledText(reader.GetString(textColumn), label));
        }
        return examples;
    }

    private static async Task<int> UsageAsync(string message)
    {
        await Console.Error.WriteLineAsync("error: " + message);
        return EarshotCli.UsageError;
    }
}
