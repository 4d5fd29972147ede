using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Detection.Evaluation;
using Xunit;

namespace Earshot.Core.Tests.Alerts;

public class SeriesDetectionTests
{
    [Fact]
    public void ParseCsv_NabFormat_ReadsUtcTimesAndValues()
    {
        var points = SeriesDetection.ParseCsv(new StringReader("timestamp,value\n2015-02-26 21:42:53,104\n\n2015-02-26T21:47:53Z,100.5\n"));

        Assert.Equal(2, points.Count);
        Assert.Equal(new DateTime(2015, 2, 26, 21, 42, 53, DateTimeKind.Utc), points[0].time);
        Assert.Equal(DateTimeKind.Utc, points[0].time.Kind);
        Assert.Equal(100.5, points[1].value);
    }

    [Fact]
    public void ParseCsv_BadLine_ThrowsWithLineNumber()
    {
        var error = Assert.Throws<FormatException>(() => SeriesDetection.ParseCsv(new StringReader("timestamp,value\nyesterday,3\n")));

        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_Detections_UsesContractShape() =>
        Assert.Equal(
            """{"detections":["2015-03-01T12:05:00Z"]}""",
            SeriesDetection.ToJson([new DateTime(2015, 3, 1, 12, 5, 0, DateTimeKind.Utc)]));

    [Fact]
    public void Run_InjectedSpike_ReturnsItsOpenTime()
    {
        var start = new DateTime(2025, 1, 6, 0, 0, 0, DateTimeKind.Utc);
        var spike = new SyntheticSpike(start.AddDays(4).AddHours(9), TimeSpan.FromHours(1), 4);
        var series = SyntheticSeries.Generate(3, start, TimeSpan.FromMinutes(5), 5, 20, 0.5, [spike]);

        var detections = SeriesDetection.Run(series.Points, NabEvaluation.SyntheticOptions);

        Assert.Contains(detections, d => d >= spike.Start && d <= spike.Start.AddMinutes(30));
    }
}
