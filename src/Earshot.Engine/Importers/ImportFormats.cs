namespace Earshot.Engine.Importers;

public static class ImportFormats
{
    public static bool TryParse(string? name, out ImportFormat format) =>
        Enum.TryParse(name, ignoreCase: true, out format) && Enum.IsDefined(format);

    /// <summary>Guesses the format from the name and first line when none was given.</summary>
    public static ImportFormat Detect(string path, string? firstLine)
    {
        var trimmed = firstLine?.TrimStart() ?? "";
        if (trimmed.StartsWith('{'))
            return ImportFormat.Jsonl;
        if (trimmed.Contains("airline_sentiment", StringComparison.Ordinal))
            return ImportFormat.Airline;
        if (trimmed.Contains("in_response_to_tweet_id", StringComparison.Ordinal))
            return ImportFormat.Twcs;
        if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return ImportFormat.Jsonl;
        throw new ImportFormatException(
            "cannot tell the file's format from its first line; pass --format jsonl, airline or twcs");
    }

    public static IAsyncEnumerable<ImportItem> Read(ImportFormat format, TextReader reader, CancellationToken cancellationToken) => format switch
    {
        ImportFormat.Airline => AirlineCsvReader.ReadAsync(reader, cancellationToken),
        ImportFormat.Twcs => TwcsCsvReader.ReadAsync(reader, cancellationToken),
        _ => JsonlPostReader.ReadAsync(reader, cancellationToken),
    };
}
