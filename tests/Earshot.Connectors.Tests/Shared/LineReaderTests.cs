using System.Text;
using Earshot.Connectors.Shared;
using Xunit;

namespace Earshot.Connectors.Tests.Shared;

public sealed class LineReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task ReadLines_AnyChunking_SameLines(int chunk)
    {
        var lines = await LineReader.ReadLinesAsync(TrickleStream.Of("a\r\nbé\n\r\nlast\rx\n", chunk), cancellationToken: TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal(["a", "bé", "", "last", "x"], lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal(StreamLineKind.Text, l.Kind));
    }

    [Fact]
    public async Task ReadLines_OversizedLine_ReportedAndNextLinesKept()
    {
        var text = "ok\n" + new string('x', 50) + "\nafter\n";

        var lines = await LineReader.ReadLinesAsync(TrickleStream.Of(text, 8), maxLineBytes: 10, TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal([StreamLineKind.Text, StreamLineKind.TooLong, StreamLineKind.Text], lines.Select(l => l.Kind));
        Assert.Equal(50, lines[1].ByteCount);
        Assert.Equal(2, lines[1].Number);
        Assert.Equal("after", lines[2].Text);
    }

    [Fact]
    public async Task ReadLines_EndsWithoutNewline_Truncated()
    {
        var lines = await LineReader.ReadLinesAsync(TrickleStream.Of("one\n{\"half\":", 3), cancellationToken: TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal(StreamLineKind.Truncated, lines[^1].Kind);
        Assert.Equal("{\"half\":", lines[^1].Text);
    }

    [Fact]
    public async Task ReadLines_ConnectionReset_TransportErrorItemNotException()
    {
        var lines = await LineReader.ReadLinesAsync(new FailingStream(Encoding.UTF8.GetBytes("one\n")), cancellationToken: TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal([StreamLineKind.Text, StreamLineKind.TransportError], lines.Select(l => l.Kind));
        Assert.Contains("reset", lines[1].Text, StringComparison.Ordinal);
    }
}
