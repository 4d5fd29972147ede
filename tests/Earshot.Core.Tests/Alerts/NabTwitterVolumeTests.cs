using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Detection.Evaluation;
using Xunit;

namespace Earshot.Core.Tests.Alerts;

/// <summary>The detector on real, labelled brand-mention volume (NAB, MIT), read from ../shared/data.</summary>
public class NabTwitterVolumeTests
{
    private static string? FindData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                var folder = Path.Combine(candidate, "nab-twitter-volume");
                if (Directory.Exists(folder)) return Path.GetFullPath(folder);
            }
        }
        return null;
    }

    [Theory]
    [InlineData("Twitter_volume_CVS.csv")]
    [InlineData("Twitter_volume_FB.csv")]
    public void RealSeries_BrandProfile_MeetsDetectionAndFalseAlarmTargets(string file)
    {
        var folder = FindData();
        Assert.SkipWhen(folder is null, "../shared/data/nab-twitter-volume is absent (it is not part of the repository).");
        using var labelReader = File.OpenText(Path.Combine(folder!, "anomaly_windows.json"));
        var windows = NabLabels.Parse(labelReader)[file];
        using var reader = File.OpenText(Path.Combine(folder!, file));
        var points = SeriesDetection.ParseCsv(reader);

        var result = SeriesEvaluation.Evaluate(file, points, windows, NabEvaluation.RunOurs(points));

        Assert.True(result.DetectedShare >= 0.85, $"{result.Detected}/{result.Windows} windows detected");
        Assert.True(result.FalseAlarmsPerWeek <= 0.5, $"{result.FalseAlarmsPerWeek:F2} false alarms per week");
        Assert.True(result.Nab.Normalized > 47.1, $"NAB score {result.Nab.Normalized:F1} is not above ADVec's");
    }
}
