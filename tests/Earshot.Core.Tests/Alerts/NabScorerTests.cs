using Earshot.Core.Alerts.Detection.Evaluation;
using Xunit;

namespace Earshot.Core.Tests.Alerts;

public class NabScorerTests
{
    private static readonly DateTime T0 = new(2015, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    // 2,000 points: probation is min(15% = 300, 750) = 300; one window over points 1000–1099.
    private static readonly List<DateTime> Times = Enumerable.Range(0, 2000).Select(i => T0.AddMinutes(5 * i)).ToList();
    private static readonly NabWindow[] Windows = [new(Times[1000], Times[1099])];

    [Fact]
    public void Score_DetectionAtWindowStart_IsPerfect() =>
        Assert.Equal(100, NabScorer.Score(Times, Windows, [Times[1000]]).Normalized, 1e-9);

    [Fact]
    public void Score_NoDetection_IsZero() =>
        Assert.Equal(0, NabScorer.Score(Times, Windows, []).Normalized, 1e-9);

    [Fact]
    public void Score_OnlyFirstDetectionInWindowCounts()
    {
        var once = NabScorer.Score(Times, Windows, [Times[1050]]);
        var twice = NabScorer.Score(Times, Windows, [Times[1050], Times[1060]]);

        Assert.Equal(once.Raw, twice.Raw, 1e-12);
        Assert.Equal(0, twice.FalsePositives);
    }

    [Fact]
    public void Score_MiddleOfWindow_EarnsScaledSigmoid()
    {
        var score = NabScorer.Score(Times, Windows, [Times[1050]]);

        // Position −(1099 − 1050 + 1) / 100 = −0.5.
        Assert.Equal(NabScorer.ScaledSigmoid(-0.5) / NabScorer.ScaledSigmoid(-1), score.Raw, 1e-12);
    }

    [Fact]
    public void Score_FalsePositiveBeforeAnyWindow_CostsFullFalsePositiveWeight()
    {
        var score = NabScorer.Score(Times, Windows, [Times[500], Times[1000]]);

        Assert.Equal(1 - 0.11, score.Raw, 1e-12);
        Assert.Equal(1, score.FalsePositives);
    }

    [Fact]
    public void Score_FalsePositiveJustAfterWindow_CostsLess()
    {
        var near = NabScorer.Score(Times, Windows, [Times[1000], Times[1105]]);
        var far = NabScorer.Score(Times, Windows, [Times[1000], Times[1900]]);

        Assert.True(near.Raw > far.Raw);
        Assert.Equal(1 - 0.11, far.Raw, 1e-12);
    }

    [Fact]
    public void Score_DetectionInProbation_IsIgnored()
    {
        Assert.Equal(300, NabScorer.ProbationaryLength(2000));
        Assert.Equal(750, NabScorer.ProbationaryLength(15_000));
        Assert.Equal(0, NabScorer.Score(Times, Windows, [Times[100]]).FalsePositives);
    }
}
