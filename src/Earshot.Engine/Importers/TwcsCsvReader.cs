using Earshot.Core.Posts;

namespace Earshot.Engine.Importers;

/// <summary>
/// Customer Support on Twitter: customers' tweets and the brands' answers. `in_response_to_tweet_id` threads replies
/// into conversations; `inbound=False` marks the brand's own tweets, so response times can be measured.
/// </summary>
public static class TwcsCsvReader
{
    private static readonly string[] Required = ["tweet_id", "author_id", "inbound", "created_at", "text", "in_response_to_tweet_id"];

    public static IAsyncEnumerable<ImportItem> ReadAsync(TextReader reader, CancellationToken cancellationToken) =>
        CsvImport.ReadRowsAsync(reader, "Customer Support on Twitter", Required, Map, cancellationToken);

    private static ImportItem Map(long line, IReadOnlyList<string> header, CsvHelper.CsvReader csv)
    {
        var id = CsvImport.NormaliseId(CsvImport.Field(csv, "tweet_id"));
        var author = CsvImport.Field(csv, "author_id")?.Trim();
        var inbound = CsvImport.Field(csv, "inbound")?.Trim();
        var text = CsvImport.Field(csv, "text");
        if (id is null || !id.All(char.IsAsciiDigit))
            return ImportItem.Rejected(line, $"'tweet_id' must be a number, found '{id}'");
        if (string.IsNullOrEmpty(author))
            return ImportItem.Rejected(line, "'author_id' is empty");
        if (!bool.TryParse(inbound, out var isInbound))
            return ImportItem.Rejected(line, $"'inbound' must be True or False, found '{inbound}'");
        if (string.IsNullOrEmpty(text))
            return ImportItem.Rejected(line, "'text' is empty");
        if (!Timestamps.TryParse(CsvImport.Field(csv, "created_at"), out var created))
            return ImportItem.Rejected(line, $"'created_at' is not a time: '{CsvImport.Field(csv, "created_at")}'");

        var post = new IncomingPost
        {
            ExternalId = id,
            Channel = ChannelKind.X,
            Author = author,
            Text = System.Net.WebUtility.HtmlDecode(text),
            CreatedAt = created,
            InReplyTo = CsvImport.NormaliseId(CsvImport.Field(csv, "in_response_to_tweet_id")),
            IsBrand = !isInbound,
            RawPayload = CsvImport.RowAsJson(header, csv),
        };
        return ImportItem.Accepted(line, post);
    }
}
