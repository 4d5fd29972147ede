using System.CommandLine;
using System.Text.Json;
using Earshot.Core.Topics.Matching;
using Earshot.Engine.Importers;

namespace Earshot.Cli;

internal static class MatchCommand
{
    public static Command Create()
    {
        var topics = new Option<FileInfo>("--topics") { Description = "Topics: one `name<TAB>query` per line", Required = true };
        var input = new Option<FileInfo>("--input") { Description = "Posts: JSONL in the post format, or any import format", Required = true };
        var command = new Command("match", "Match posts against topics outside the app: one JSON line per post, {\"id\", \"topics\"}") { topics, input };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var topicsFile = parse.GetValue(topics)!;
            var inputFile = parse.GetValue(input)!;
            foreach (var file in new[] { topicsFile, inputFile }.Where(f => !f.Exists))
            {
                await Console.Error.WriteLineAsync($"error: no such file: {file.FullName}");
                return EarshotCli.BadInput;
            }
            var matcher = new TopicMatcher();
            var names = new Dictionary<Guid, string>();
            var lineNumber = 0;
            foreach (var line in await File.ReadAllLinesAsync(topicsFile.FullName, cancellationToken))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
                    continue;
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab <= 0)
                {
                    await Console.Error.WriteLineAsync($"{topicsFile.Name}:{lineNumber}: expected `name<TAB>query`");
                    return EarshotCli.BadInput;
                }
                var (name, query) = (line[..tab].Trim(), line[(tab + 1)..]);
                var id = Guid.NewGuid();
                if (matcher.AddOrUpdate(id, query) is { } error)
                {
                    await Console.Error.WriteLineAsync(JsonSerializer.Serialize(new { topic = name, line = lineNumber, column = error.Column, message = error.Message }));
                    await Console.Error.WriteLineAsync($"{topicsFile.Name}:{lineNumber}: topic '{name}': {error}");
                    return EarshotCli.BadInput;
                }
                names[id] = name;
            }

            using var reader = inputFile.OpenText();
            var first = await reader.ReadLineAsync(cancellationToken);
            reader.BaseStream.Position = 0;
            reader.DiscardBufferedData();
            var matched = new List<Guid>();
            var rejected = 0;
            var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
            try
            {
                await foreach (var item in ImportFormats.Read(ImportFormats.Detect(inputFile.FullName, first), reader, cancellationToken))
                {
                    if (item.Post is null)
                    {
                        rejected++;
                        await Console.Error.WriteLineAsync($"line {item.Line}: {item.Error}");
                        continue;
                    }
                    matched.Clear();
                    matcher.Match(MatchInput.From(item.Post), matched);
                    var topicNames = matched.Select(m => names[m]).Distinct().Order(StringComparer.Ordinal);
                    await output.WriteLineAsync(JsonSerializer.Serialize(new { id = item.Post.ExternalId, topics = topicNames }));
                }
            }
            catch (ImportFormatException error)
            {
                await Console.Error.WriteLineAsync($"error: {inputFile.Name}: {error.Message}");
                return EarshotCli.BadInput;
            }
            finally
            {
                await output.FlushAsync(cancellationToken);
            }
            return rejected > 0 ? EarshotCli.BadInput : EarshotCli.Ok;
        });
        return command;
    }
}
