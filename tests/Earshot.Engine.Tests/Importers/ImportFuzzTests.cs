using System.Globalization;
using System.Text;
using CsCheck;
using Earshot.Engine.Importers;
using Earshot.Fuzzing;

namespace Earshot.Engine.Tests.Importers;

/// <summary>
/// The import readers on damaged files: whatever a line holds, reading goes on; a bad line is reported with its line
/// number and a reason, and every good line beside it is read as a post.
/// </summary>
public sealed class ImportFuzzTests
{
    private static readonly Gen<string> GoodText = Hostile.Text
        .Select(text => new string(text.Select((c, i) => char.IsSurrogate(c) && !IsPaired(text, i) ? 'x' : c).ToArray()))
        .Where(text => text.Length > 0);

    private static readonly Gen<string> GoodLine = Gen.Select(GoodText, GoodText.Select(a => a[..Math.Min(a.Length, 100)]), Gen.Int[0, 3], (text, author, shape) =>
        shape switch
        {
            0 => $$"""{"id": "ID", "channel": "api", "author": "a{{Escaped(author)}}", "text": {{Hostile.JsonString(text)}}}""",
            1 => $$"""{"text": {{Hostile.JsonString(text)}}, "author": "b", "id": "ID", "channel": "mastodon", "author_followers": 12, "created_at": "2026-01-05T10:00:00Z", "extra": [1, {"x": null}]}""",
            2 => $$"""  {"id":"ID","channel":"x","author":"c","text":{{Hostile.JsonString(text)}},"is_brand":false,"lang":"en","in_reply_to":123}  """,
            _ => $$"""{"id": "ID", "channel": "api", "author": "d", "text": "\ufeff{{Escaped(text)}}\u0000", "url": null}""",
        });

    private static readonly string SampleLine = """{"id": "s-1", "channel": "api", "author": "ana", "text": "My bag is lost", "author_followers": 10, "created_at": "2026-01-05T10:00:00Z", "in_reply_to": "p-0", "lang": "en", "is_brand": false}""";

    /// <summary>A line that is not a good post: bytes that are not UTF-8, a real line damaged, or a value of the wrong type.</summary>
    private static readonly Gen<byte[]> GarbageLine = Gen.Frequency(
        (2, Hostile.Bytes),
        (3, Hostile.Payload(SampleLine).Select(line => Encoding.UTF8.GetBytes(line))),
        (1, Hostile.JsonValue.Select(value => Encoding.UTF8.GetBytes(value))))
        .Select(bytes => bytes.Where(b => b is not ((byte)'\n' or (byte)'\r')).ToArray());

    /// <summary>A file's lines: true and a good line, or false and garbage.</summary>
    private static readonly Gen<(bool Good, byte[] Bytes)[]> JsonlLines = Gen.Frequency(
        (1, GoodLine.Select(line => (true, Encoding.UTF8.GetBytes(line)))),
        (1, GarbageLine.Select(bytes => (false, bytes)))).Array[1, 30];

    [Fact]
    public void ReadLine_DamagedPayloads_AcceptsOrRejectsWithAReason() =>
        Fuzz.Check(Gen.Frequency((4, Hostile.Payload(SampleLine)), (1, Hostile.Text)), line =>
        {
            var item = JsonlPostReader.ReadLine(7, line);
            Assert.Equal(7, item.Line);
            Assert.True(item.Post is null != (item.Error is null), "a line is a post or an error, never both or neither");
            if (item.Error is { } error)
                Assert.False(string.IsNullOrWhiteSpace(error));
        }, quick: 2_000, print: Fuzz.Visible);

    [Fact]
    public void Jsonl_GoodLinesAmongGarbage_AllReadAtTheirLines_AndEveryBadLineHasAReason() =>
        Fuzz.Check(Gen.Select(JsonlLines, Gen.Bool, Gen.Bool), input =>
        {
            var (lines, byteOrderMark, crlf) = input;
            // A first line that is not JSON at all is a file of another format, refused as a whole by design.
            lines = [(true, Encoding.UTF8.GetBytes(SampleLine)), .. lines];
            var bytes = File(lines.Select((l, i) => l.Good ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(l.Bytes).Replace("\"ID\"", $"\"good-{i}\"", StringComparison.Ordinal)) : l.Bytes), byteOrderMark, crlf);

            var items = Read(JsonlPostReader.ReadAsync, bytes);

            AssertEveryItemIsAPostOrAReason(items, lines.Length);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].Good)
                    continue;
                var line = i + 1;
                var item = Assert.Single(items, item => item.Line == line);
                Assert.True(item.Post is not null, $"good line {line} was refused: {item.Error}");
                Assert.Equal(i == 0 ? "s-1" : $"good-{i}", item.Post.ExternalId);
            }
        }, quick: 200, print: input => string.Join("\n", input.Item1.Select(l => (l.Good ? "good " : "bad  ") + Fuzz.Visible(Encoding.UTF8.GetString(l.Bytes)))));

    [Fact]
    public void Jsonl_AnyBytes_ReadToTheEndOrRefusedAsAnotherFormat() =>
        Fuzz.Check(Gen.Frequency((3, GarbageLine.Array[1, 20].Select(lines => File(lines, false, false))), (1, Gen.Byte.Array[0, 2_000])), bytes =>
        {
            try
            {
                AssertEveryItemIsAPostOrAReason(Read(JsonlPostReader.ReadAsync, bytes), int.MaxValue);
            }
            catch (ImportFormatException refused)
            {
                Assert.StartsWith("line ", refused.Message, StringComparison.Ordinal);
            }
        }, quick: 300, print: Fuzz.Visible);

    [Theory]
    [InlineData(ImportFormat.Airline)]
    [InlineData(ImportFormat.Twcs)]
    public void Csv_GoodRowsAmongGarbage_AllReadAtTheirLines(ImportFormat format)
    {
        // Without quotes: a quote that is never closed runs on to the end of the file in any CSV reader.
        var garbage = Gen.Frequency((2, Hostile.LineText), (1, Hostile.Mutated(Row(format, 0, "sample"))))
            .Select(text => text.Replace('"', '\'').Replace('\n', ' ').Replace('\r', ' '));
        // Without line breaks, so each row is one line.
        var good = GoodText.Select(text => text.Replace('\n', ' ').Replace('\r', ' '));
        var files = Gen.Frequency(
            (1, good.Select(text => (true, text))),
            (1, garbage.Select(text => (false, text)))).Array[1, 25];
        Fuzz.Check(files, lines =>
        {
            var rows = lines.Select((l, i) => l.Item1 ? Row(format, i, l.Item2) : l.Item2).Prepend(Header(format));
            var items = Read((reader, token) => ImportFormats.Read(format, reader, token), File(rows.Select(Encoding.UTF8.GetBytes), false, false));

            AssertEveryItemIsAPostOrAReason(items, lines.Length + 1);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].Item1)
                    continue;
                var item = Assert.Single(items, item => item.Line == i + 2);
                Assert.True(item.Post is not null, $"good row on line {i + 2} was refused: {item.Error}");
                Assert.Equal((1_000_000 + i).ToString(CultureInfo.InvariantCulture), item.Post.ExternalId);
            }
        }, quick: 150, print: l => string.Join("\n", l.Select(r => (r.Item1 ? "good " : "bad  ") + Fuzz.Visible(r.Item2))));
    }

    [Theory]
    [InlineData(ImportFormat.Airline)]
    [InlineData(ImportFormat.Twcs)]
    public void Csv_AnyRows_ReadToTheEnd_EveryBadRowWithAReason(ImportFormat format) =>
        Fuzz.Check(Gen.Frequency((3, Hostile.Text), (1, Hostile.Mutated(Row(format, 0, "a \"quoted\" text")))).Array[0, 20], rows =>
        {
            var bytes = File(rows.Prepend(Header(format)).Select(Encoding.UTF8.GetBytes), false, false);
            AssertEveryItemIsAPostOrAReason(Read((reader, token) => ImportFormats.Read(format, reader, token), bytes), int.MaxValue);
        }, quick: 300, print: rows => string.Join("\n", rows.Select(Fuzz.Visible)));

    private static string Header(ImportFormat format) => format == ImportFormat.Airline
        ? "tweet_id,airline_sentiment,airline,name,text,tweet_created"
        : "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id";

    private static string Row(ImportFormat format, int index, string text)
    {
        var id = (1_000_000 + index).ToString(CultureInfo.InvariantCulture);
        var quoted = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return format == ImportFormat.Airline
            ? $"{id},negative,United,ann,{quoted},2015-02-24 11:35:52 -0800"
            : $"{id},sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,{quoted},,";
    }

    private static void AssertEveryItemIsAPostOrAReason(List<ImportItem> items, int lineCount)
    {
        foreach (var item in items)
        {
            Assert.InRange(item.Line, 1, lineCount);
            Assert.True(item.Post is null != (item.Error is null), $"line {item.Line} is a post or an error, never both or neither");
            if (item.Error is { } error)
                Assert.False(string.IsNullOrWhiteSpace(error), $"line {item.Line} was refused without a reason");
        }
        Assert.Equal(items.Select(i => i.Line).Order(), items.Select(i => i.Line));
    }

    private static byte[] File(IEnumerable<byte[]> lines, bool byteOrderMark, bool crlf)
    {
        var file = new MemoryStream();
        if (byteOrderMark)
            file.Write([0xEF, 0xBB, 0xBF]);
        foreach (var line in lines)
        {
            file.Write(line);
            file.Write(crlf ? "\r\n"u8 : "\n"u8);
        }
        return file.ToArray();
    }

    // As the importer reads a file: UTF-8, a byte order mark skipped, bytes that are not UTF-8 read as U+FFFD.
    private static List<ImportItem> Read(Func<TextReader, CancellationToken, IAsyncEnumerable<ImportItem>> reader, byte[] bytes)
    {
        using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var items = new List<ImportItem>();
        var enumerator = reader(text, CancellationToken.None).GetAsyncEnumerator();
        try
        {
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                items.Add(enumerator.Current);
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return items;
    }

    private static bool IsPaired(string text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
        : i > 0 && char.IsHighSurrogate(text[i - 1]);

    private static string Escaped(string text) => Hostile.JsonString(text)[1..^1];
}
