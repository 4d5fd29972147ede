using System.CommandLine;
using CsvHelper;
using Earshot.Core.Understanding;
using Earshot.Core.Understanding.Evaluation;

namespace Earshot.Cli;

internal static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A labelled CSV with a header row" };
        var dataset = new Option<string?>("--dataset") { Description = "A known public set read directly: airline (Twitter US Airline Sentiment; deduplicated by tweet id)" };
        var task = new Option<string>("--task") { Description = "sentiment or complaint", DefaultValueFactory = _ => EvaluationTasks.Sentiment };
        var textColumn = new Option<string?>("--text-column") { Description = "The column holding the post text" };
        var labelColumn = new Option<string?>("--label-column") { Description = "The column holding the expected label" };
        var model = new Option<string>("--model") { Description = "builtin or trained", DefaultValueFactory = _ => "builtin" };
        var json = new Option<bool>("--json") { Description = "Print {\"n\", \"accuracy\", \"macro_f1\", \"per_class\", \"confusion\"}" };
        var cv = new Option<int?>("--cv") { Description = "Trained model only: K-fold cross-validation on the file itself (each fold predicted by a model trained on the others)" };
        var db = CommonOptions.Db();
        var command = new Command("eval", "Score a model on labelled posts: accuracy, macro-F1, per-class precision and recall, confusion matrix")
        {
            file, dataset, task, textColumn, labelColumn, model, json, cv, db,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var taskName = parse.GetValue(task)!.ToLowerInvariant();
            if (!EvaluationTasks.All.Contains(taskName))
                return await UsageAsync($"--task must be sentiment or complaint, not '{taskName}'");
            var modelName = parse.GetValue(model);
            if (modelName is not ("builtin" or "trained"))
                return await UsageAsync($"--model must be builtin or trained, not '{modelName}'");
            if (parse.GetValue(cv) is { } k && (modelName != "trained" || k < 2))
                return await UsageAsync("--cv K (K ≥ 2) cross-validates the trained model; give it with --model trained");
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: no such file: {path.FullName}");
                return EarshotCli.BadInput;
            }

            LabelledRows rows;
            var datasetName = parse.GetValue(dataset);
            if (datasetName is not null && datasetName != "airline")
                return await UsageAsync($"--dataset '{datasetName}' is not known; use airline, or --text-column and --label-column");
            if (datasetName is null && (parse.GetValue(textColumn) is null || parse.GetValue(labelColumn) is null))
                return await UsageAsync("give --text-column and --label-column (or --dataset airline)");
            try
            {
                rows = datasetName == "airline"
                    ? LabelledRows.ReadAirline(path.FullName, taskName)
                    : LabelledRows.Read(path.FullName, parse.GetValue(textColumn)!, parse.GetValue(labelColumn)!, taskName);
            }
            catch (InvalidDataException error)
            {
                await Console.Error.WriteLineAsync($"error: {path.Name}: {error.Message}");
                return EarshotCli.BadInput;
            }

            string title;
            ClassificationReport report;
            if (modelName == "trained")
            {
                var trained = await TrainedEvaluation.RunAsync(rows.Items, taskName, parse.GetValue(cv), parse.GetValue(db), cancellationToken);
                if (trained.Error is { } error)
                    return await UsageAsync(error);
                (title, report) = (trained.Title!, trained.Report!);
            }
            else
            {
                var classifier = new BuiltInClassifier();
                title = classifier.ModelVersion;
                report = ClassificationReport.Compute(rows.Items.Select(r => (r.Expected, EvaluationTasks.Predict(taskName, classifier.Classify(r.Text)))));
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(report.ToJson());
            }
            else
            {
                Console.WriteLine($"{title} on {path.Name}, task {taskName}: {rows.Items.Count} posts" +
                                  (rows.Skipped > 0 ? $" ({rows.Skipped} rows skipped: {rows.SkipReason})" : ""));
                Console.WriteLine(report.ToTable());
            }
            return EarshotCli.Ok;
        });
        return command;
    }

    private static async Task<int> UsageAsync(string message)
    {
        await Console.Error.WriteLineAsync("error: " + message);
        return EarshotCli.UsageError;
    }

    private sealed record LabelledRows(IReadOnlyList<(string Text, string Expected)> Items, int Skipped, string? SkipReason)
    {
        public static LabelledRows Read(string path, string textColumn, string labelColumn, string task)
        {
            using var csv = Open(path, [textColumn, labelColumn]);
            var items = new List<(string, string)>();
            var skipped = 0;
            string? reason = null;
            while (csv.Read())
            {
                var raw = csv.GetString(labelColumn);
                if (EvaluationTasks.NormaliseExpected(task, raw) is { } expected)
                {
                    items.Add((csv.GetString(textColumn), expected));
                }
                else
                {
                    skipped++;
                    reason ??= $"label '{raw}' on line {csv.LineNumber} is not a {task} label";
                }
            }
            return new LabelledRows(items, skipped, reason);
        }

        /// <summary>The airline file: first row per tweet id; complaint = negative with a known reason.</summary>
        public static LabelledRows ReadAirline(string path, string task)
        {
            using var csv = Open(path, ["tweet_id", "text", "airline_sentiment", "negativereason"]);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var items = new List<(string, string)>();
            var skipped = 0;
            while (csv.Read())
            {
                if (!seen.Add(csv.GetString("tweet_id")))
                {
                    skipped++;
                    continue;
                }
                var sentiment = csv.GetString("airline_sentiment");
                var expected = task == EvaluationTasks.Sentiment
                    ? sentiment
                    : sentiment == "negative" && csv.GetString("negativereason") != "Can't Tell" ? EvaluationTasks.Complaint : EvaluationTasks.Other;
                items.Add((System.Net.WebUtility.HtmlDecode(csv.GetString("text")), expected));
            }
            return new LabelledRows(items, skipped, skipped > 0 ? "repeated tweet ids" : null);
        }

        private static CsvReader Open(string path, IReadOnlyList<string> required)
        {
            var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true });
            var missing = required.Where(r => !csv.Headers.Contains(r, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                var message = $"line 1: no column {string.Join(", ", missing.Select(m => $"'{m}'"))}; the header has {string.Join(", ", csv.Headers)}";
                csv.Dispose();
                throw new InvalidDataException(message);
            }
            return csv;
        }
    }
}
