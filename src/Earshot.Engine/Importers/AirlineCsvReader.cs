using System.Net;
using Earshot.Core.Posts;

namespace Earshot.Engine.Importers;

/// <summary>
/// The Twitter US Airline Sentiment CSV: one tweet per row, HTML entities in the text, and the `airline` column
/// naming the brand the tweet was addressed to (it becomes the workspace unless one is given).
/// </summary>
public static class AirlineCsvReader
{
    private static readonly string[] Required = ["tweet_id", "airline", "name", "text", "tweet_created"];

    public static IAsyncEnumerable<ImportItem> ReadAsync(TextReader reader, CancellationToken cancellationToken) =>
        CsvImport.ReadRowsAsync(reader, "Twitter US Airline Sentiment", Required, Map, cancellationToken);

    private static ImportItem Map(long line, IReadOnlyList<string> header, CsvHelper.CsvReader csv)
    {
        var id = CsvImport.Field(csv, "tweet_id")?.Trim();
        var airline = CsvImport.Field(csv, "airline")?.Trim();
        var author = CsvImport.Field(csv, "name")?.Trim();
        var text = CsvImport.Field(csv, "text");
        if (string.IsNullOrEmpty(id) || !id.All(char.IsAsciiDigit))
            return ImportItem.Rejected(line, $"'tweet_id' must be a number, found '{id}'");
        if (string.IsNullOrEmpty(airline))
            return ImportItem.Rejected(line, "'airline' is empty");
        if (string.IsNullOrEmpty(author))
            return ImportItem.Rejected(line, "'name' is empty");
        if (string.IsNullOrEmpty(text))
            return ImportItem.Rejected(line, "'text' is empty");
        if (!Timestamps.TryParse(CsvImport.Field(csv, "tweet_created"), out var created))
            return ImportItem.Rejected(line, $"'tweet_created' is not a time: '{CsvImport.Field(csv, "tweet_created")}'");

        var post = new IncomingPost
        {
            ExternalId = id,
            Channel = ChannelKind.X,
            Author = author,
            Text = WebUtility.HtmlDecode(text),
            CreatedAt = created,
            Url = $"https://x.com/{Uri.EscapeDataString(author)}/status/{id}",
            Language = "en",
            RawPayload = CsvImport.RowAsJson(header, csv),
        };
        return ImportItem.Accepted(line, post, airline);
    }
}
