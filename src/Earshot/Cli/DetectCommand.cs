using System.CommandLine;
using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Detection.Evaluation;

namespace Earshot.Cli;

internal static class DetectCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("series") { Description = "A `timestamp,value` count series (NAB's CSV format)" };
        var json = new Option<bool>("--json") { Description = "Print {\"detections\": [times]}" };
        var command = new Command("detect", "Run the early-warning spike detector over a count series and print when each alert would have opened")
        {
            file, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: no such file: {path.FullName}");
                return EarshotCli.BadInput;
            }
            IReadOnlyList<(DateTime time, double value)> series;
            try
            {
                using var reader = path.OpenText();
                series = SeriesDetection.ParseCsv(reader);
            }
            catch (FormatException error)
            {
                await Console.Error.WriteLineAsync($"error: {path.Name}: {error.Message}");
                return EarshotCli.BadInput;
            }
            var detections = SeriesDetection.Run(series, NabEvaluation.Options);
            if (parse.GetValue(json))
            {
                Console.WriteLine(SeriesDetection.ToJson(detections));
            }
            else
            {
                Console.WriteLine($"{series.Count} points, {detections.Count} alert(s)");
                foreach (var time in detections)
                    Console.WriteLine(SeriesDetection.FormatTime(time));
            }
            return EarshotCli.Ok;
        });
        return command;
    }
}
