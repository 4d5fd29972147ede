using System.CommandLine;
using System.Text.Json;
using Earshot.Core.Understanding;
using Earshot.Engine.Importers;
using Earshot.Engine.Pipeline;

namespace Earshot.Cli;

internal static class ClassifyCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("text") { Description = "The text to classify", Arity = ArgumentArity.ZeroOrOne };
        var input = new Option<FileInfo?>("--input") { Description = "Classify every post of a file (JSONL posts or any import format); one JSON line each" };
        var command = new Command("classify", "Print the labels of a text (sentiment, intent, severity, aspects, language) and why, as JSON")
        {
            text, input,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var classifier = new BuiltInClassifier();
            if (parse.GetValue(input) is { } file)
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"error: no such file: {file.FullName}");
                    return EarshotCli.BadInput;
                }
                return await ClassifyFileAsync(classifier, file.FullName, cancellationToken);
            }
            if (parse.GetValue(text) is not { Length: > 0 } single)
            {
                await Console.Error.WriteLineAsync("error: give a text to classify, or --input FILE");
                return EarshotCli.UsageError;
            }
            var json = JsonSerializer.Serialize(LabelsJson.From(classifier.Classify(single)),
                new JsonSerializerOptions(LabelsJson.Options) { WriteIndented = true });
            Console.WriteLine(json);
            return EarshotCli.Ok;
        });
        return command;
    }

    private static async Task<int> ClassifyFileAsync(IPostClassifier classifier, string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        var first = await reader.ReadLineAsync(cancellationToken);
        reader.BaseStream.Position = 0;
        reader.DiscardBufferedData();
        var rejected = 0;
        try
        {
            await foreach (var item in ImportFormats.Read(ImportFormats.Detect(path, first), reader, cancellationToken))
            {
                if (item.Post is null)
                {
                    rejected++;
                    await Console.Error.WriteLineAsync($"line {item.Line}: {item.Error}");
                    continue;
                }
                var labels = LabelsJson.From(classifier.Classify(item.Post.Text, item.Post.Language));
                Console.WriteLine(JsonSerializer.Serialize(new { id = item.Post.ExternalId, labels }, LabelsJson.Options));
            }
        }
        catch (ImportFormatException error)
        {
            await Console.Error.WriteLineAsync($"error: {path}: {error.Message}");
            return EarshotCli.BadInput;
        }
        return rejected > 0 ? EarshotCli.BadInput : EarshotCli.Ok;
    }
}
