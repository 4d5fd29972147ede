using System.Runtime.CompilerServices;
using System.Text.Json;
using Earshot.Core.Posts;

namespace Earshot.Engine.Importers;

/// <summary>Reads the JSONL post format (docs/POST-FORMAT.md) a line at a time, in constant memory.</summary>
public static class JsonlPostReader
{
    public const int MaxLineLength = 1 << 20;

    public static async IAsyncEnumerable<ImportItem> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long line = 0;
        var sawRecord = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            if (text.Length > MaxLineLength)
            {
                yield return ImportItem.Rejected(line, $"line is {text.Length} characters long; at most {MaxLineLength} are read");
                continue;
            }
            var item = ReadLine(line, text);
            if (!sawRecord && item.Post is null && !LooksLikeJsonObject(text))
                throw new ImportFormatException($"line {line}: this is not a JSONL post file (each line must be a JSON object): {item.Error}");
            sawRecord = true;
            yield return item;
        }
    }

    public static ImportItem ReadLine(long line, string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException error)
        {
            return ImportItem.Rejected(line, $"invalid JSON at column {(error.BytePositionInLine ?? 0) + 1}: {FirstSentence(error.Message)}");
        }
        catch (ArgumentException error) when (error.InnerException is System.Text.EncoderFallbackException)
        {
            // Text decoded from a file never has half a surrogate pair (the decoder writes U+FFFD), but a caller's string can.
            return ImportItem.Rejected(line, "the line holds half of a surrogate pair (U+D800-U+DFFF), which is not text");
        }
        using (document)
        {
            var (post, errors) = PostJson.Read(document.RootElement, text);
            return post is not null
                ? ImportItem.Accepted(line, post)
                : ImportItem.Rejected(line, string.Join("; ", errors.Select(e => e.Message)));
        }
    }

    private static bool LooksLikeJsonObject(string text) => text.TrimStart().StartsWith('{');

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
