using Earshot.Connectors.Shared;
using Xunit;

namespace Earshot.Connectors.Tests.Shared;

public sealed class SseReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(1000)]
    public async Task Read_MultiLineDataAndComments_EventsAndHeartbeats(int chunk)
    {
        const string wire = ":)\nevent: update\ndata: first\ndata:second\n\n:thump\r\ndata: plain\r\n\r\nevent: orphan\n";

        var items = await SseReader.ReadAsync(TrickleStream.Of(wire, chunk), cancellationToken: TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal([SseItemKind.Comment, SseItemKind.Event, SseItemKind.Comment, SseItemKind.Event], items.Select(i => i.Kind));
        Assert.Equal(("update", "first\nsecond"), (items[1].EventName, items[1].Data));
        Assert.Equal("thump", items[2].Data);
        Assert.Equal(("message", "plain"), (items[3].EventName, items[3].Data));
    }

    [Fact]
    public async Task Read_OversizedData_EventDroppedErrorReportedNextEventKept()
    {
        var wire = "event: update\ndata: " + new string('x', 100) + "\n\nevent: delete\ndata: 42\n\n";

        var items = await SseReader.ReadAsync(TrickleStream.Of(wire, 16), maxLineBytes: 64, TestContext.Current.CancellationToken).ToListAsync();

        Assert.Equal([SseItemKind.Error, SseItemKind.Event], items.Select(i => i.Kind));
        Assert.Equal(2, items[0].Line);
        Assert.Equal(("delete", "42"), (items[1].EventName, items[1].Data));
    }
}
