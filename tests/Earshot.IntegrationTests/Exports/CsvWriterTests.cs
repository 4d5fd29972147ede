using System.IO.Pipelines;
using System.Text;
using Earshot.Exports;

namespace Earshot.IntegrationTests.Exports;

/// <summary>The CSV writer alone: the exact bytes RFC 4180 and the formula guard call for.</summary>
public sealed class CsvWriterTests
{
    [Fact]
    public async Task Write_TextNeedingQuotes_IsQuotedWithQuotesDoubled()
    {
        var text = await WriteAsync(csv =>
        {
            csv.Text("plain");
            csv.Text("a, b");
            csv.Text("say \"hi\"");
            csv.Text("two\nlines");
            csv.Text("cr\ronly");
            csv.Text(null);
            csv.Text("");
        });

        Assert.Equal("plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\ronly\",,\r\n", text);
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+49 30 1234", "\"'+49 30 1234\"")]
    [InlineData("-cmd", "\"'-cmd\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tindent", "\"'\tindent\"")]
    [InlineData("\rreturn", "\"'\rreturn\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("ünïcödé ✓", "ünïcödé ✓")]
    public async Task Write_TextStartingLikeAFormula_GetsALeadingApostrophe(string value, string expected)
    {
        Assert.Equal(expected + "\r\n", await WriteAsync(csv => csv.Text(value)));
    }

    [Fact]
    public async Task Write_OwnNumbersAndTimes_AreNotGuardedAndUseInvariantFormats()
    {
        var text = await WriteAsync(csv =>
        {
            csv.Number(-0.75);
            csv.Number(12_345L);
            csv.Number((double?)null);
            csv.Time(new DateTime(2026, 3, 1, 10, 5, 9, DateTimeKind.Utc));
            csv.Flag(true);
            csv.List(["outage", "billing"]);
        });

        Assert.Equal("-0.75,12345,,2026-03-01T10:05:09Z,true,outage; billing\r\n", text);
    }

    [Fact]
    public async Task Write_ManyRows_FlushesAsItGoes()
    {
        var sink = new MemoryStream();
        var csv = new CsvWriter(PipeWriter.Create(sink, new StreamPipeWriterOptions(leaveOpen: true)));
        var row = new string('x', 1_000);
        var flushedEarly = false;
        for (var i = 0; i < 200; i++)
        {
            csv.Text(row);
            await csv.EndRowAsync(CancellationToken.None);
            flushedEarly |= sink.Length > 0 && i < 199;
        }
        await csv.FlushAsync(CancellationToken.None);

        Assert.True(flushedEarly, "nothing reached the stream before the end");
        Assert.Equal(200 * 1_002, sink.Length);
        Assert.Equal(200, csv.Rows);
    }

    private static async Task<string> WriteAsync(Action<CsvWriter> row)
    {
        var sink = new MemoryStream();
        var csv = new CsvWriter(PipeWriter.Create(sink, new StreamPipeWriterOptions(leaveOpen: true)));
        row(csv);
        await csv.EndRowAsync(CancellationToken.None);
        await csv.FlushAsync(CancellationToken.None);
        return Encoding.UTF8.GetString(sink.ToArray());
    }
}
