using Earshot.Engine.Importers;

namespace Earshot.Engine.Tests.Importers;

public sealed class CsvReadersTests
{
    private const string AirlineHeader = "tweet_id,airline_sentiment,airline,name,text,tweet_created\n";

    private static async Task<List<ImportItem>> ReadAsync(Func<TextReader, CancellationToken, IAsyncEnumerable<ImportItem>> reader, string csv)
    {
        var items = new List<ImportItem>();
        await foreach (var item in reader(new StringReader(csv), CancellationToken.None))
            items.Add(item);
        return items;
    }

    [Fact]
    public async Task Airline_DecodesEntities_UsesTheAirlineAsWorkspace_AndCountsLinesOfMultilineTexts()
    {
        var items = await ReadAsync(AirlineCsvReader.ReadAsync, AirlineHeader +
            "1,negative,United,ann,\"@united bags &amp; seats\nworst\",2015-02-24 11:35:52 -0800\n" +
            "2,positive,Delta,bob,thanks &lt;3,2015-02-24 11:36:00 -0800\n");

        Assert.Equal(2, items.Count);
        Assert.Equal("@united bags & seats\nworst", items[0].Post!.Text);
        Assert.Equal("United", items[0].Workspace);
        Assert.Equal(2, items[0].Line);
        Assert.Equal(4, items[1].Line);
        Assert.Equal("thanks <3", items[1].Post!.Text);
        Assert.Equal(new DateTime(2015, 2, 24, 19, 35, 52, DateTimeKind.Utc), items[0].Post!.CreatedAt);
    }

    [Fact]
    public async Task Airline_BadRows_AreRejectedWithTheirLineAndTheRestKept()
    {
        var items = await ReadAsync(AirlineCsvReader.ReadAsync, AirlineHeader +
            "abc,negative,United,ann,text,2015-02-24 11:35:52 -0800\n" +
            "3,negative,United,ann,text,not a date\n" +
            "4,neutral,United,,text,2015-02-24 11:35:52 -0800\n" +
            "5,neutral,United,cy,fine,2015-02-24 11:35:52 -0800\n");

        Assert.Equal(["line 2: 'tweet_id' must be a number, found 'abc'", "line 3: 'tweet_created' is not a time: 'not a date'", "line 4: 'name' is empty"],
            items.Where(i => i.Post is null).Select(i => $"line {i.Line}: {i.Error}"));
        Assert.Equal("5", Assert.Single(items, i => i.Post is not null).Post!.ExternalId);
    }

    [Fact]
    public async Task Airline_MissingColumns_StopsWithAFormatError()
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(AirlineCsvReader.ReadAsync, "a,b,c\n1,2,3\n"));

        Assert.Contains("missing columns 'tweet_id', 'airline', 'name', 'text', 'tweet_created'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twcs_ThreadsFloatIdsAndMarksBrandReplies()
    {
        var items = await ReadAsync(TwcsCsvReader.ReadAsync,
            "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n" +
            "119237,105834,True,Wed Oct 11 06:55:44 +0000 2017,@AppleSupport my phone died,119236,\n" +
            "119236.0,AppleSupport,False,Wed Oct 11 07:01:02 +0000 2017,@105834 Sorry! DM us,,119237.0\n" +
            "7,x,Maybe,Wed Oct 11 07:01:02 +0000 2017,hm,,\n");

        Assert.False(items[0].Post!.IsBrand);
        Assert.Null(items[0].Post!.InReplyTo);
        Assert.Equal("119236", items[1].Post!.ExternalId);
        Assert.Equal("119237", items[1].Post!.InReplyTo);
        Assert.True(items[1].Post!.IsBrand);
        Assert.Equal("'inbound' must be True or False, found 'Maybe'", items[2].Error);
    }

    [Fact]
    public async Task Jsonl_NotJsonAtAll_StopsAtOnce_ButALaterBadLineIsOnlyRejected()
    {
        await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(JsonlPostReader.ReadAsync, "tweet_id,text\n1,hello\n"));

        var items = await ReadAsync(JsonlPostReader.ReadAsync,
            "{\"id\": \"1\", \"channel\": \"api\", \"author\": \"a\", \"text\": \"ok\"}\nnot json\n");
        Assert.NotNull(items[0].Post);
        Assert.Equal(2, items[1].Line);
        Assert.StartsWith("invalid JSON at column 2: 'not json' is an invalid", items[1].Error, StringComparison.Ordinal);
    }
}
