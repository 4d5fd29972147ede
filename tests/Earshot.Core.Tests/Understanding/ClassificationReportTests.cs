using Xunit;
using System.Text.Json;
using Earshot.Core.Understanding.Evaluation;

namespace Earshot.Core.Tests.Understanding;

public sealed class ClassificationReportTests
{
    private static readonly (string, string)[] Pairs =
    [
        ("negative", "negative"), ("negative", "negative"), ("negative", "neutral"),
        ("neutral", "neutral"), ("neutral", "positive"),
        ("positive", "positive"),
    ];

    [Fact]
    public void Compute_KnownPairs_GivesAccuracyAndPerClassMetrics()
    {
        var report = ClassificationReport.Compute(Pairs);
        Assert.Equal(6, report.N);
        Assert.Equal(4.0 / 6, report.Accuracy, 6);
        Assert.Equal(1.0, report.PerClass["negative"].Precision, 6);
        Assert.Equal(2.0 / 3, report.PerClass["negative"].Recall, 6);
        Assert.Equal(0.5, report.PerClass["positive"].Precision, 6);
        var f1s = new[] { 0.8, 0.5, 2.0 / 3 };
        Assert.Equal(f1s.Average(), report.MacroF1, 6);
        Assert.Equal(1, report.Confusion["negative"]["neutral"]);
        Assert.Equal(0, report.Confusion["positive"]["negative"]);
    }

    [Fact]
    public void ToJson_MatchesTheEvalContractShape()
    {
        using var json = JsonDocument.Parse(ClassificationReport.Compute(Pairs).ToJson());
        var root = json.RootElement;
        Assert.Equal(6, root.GetProperty("n").GetInt32());
        Assert.Equal(0.6667, root.GetProperty("accuracy").GetDouble(), 4);
        Assert.True(root.TryGetProperty("macro_f1", out _));
        var negative = root.GetProperty("per_class").GetProperty("negative");
        Assert.Equal(1.0, negative.GetProperty("precision").GetDouble());
        Assert.True(negative.TryGetProperty("recall", out _) && negative.TryGetProperty("f1", out _));
        Assert.Equal(1, root.GetProperty("confusion").GetProperty("neutral").GetProperty("positive").GetInt32());
    }

    [Fact]
    public void ToTable_ListsEveryClassAndTheSummary()
    {
        var table = ClassificationReport.Compute(Pairs).ToTable();
        Assert.Contains("accuracy = 0.667", table, StringComparison.Ordinal);
        Assert.Contains("positive", table, StringComparison.Ordinal);
        Assert.Contains("expected \\ predicted", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_NoPairs_GivesZerosWithoutThrowing()
    {
        var report = ClassificationReport.Compute([]);
        Assert.Equal(0, report.N);
        Assert.Equal(0, report.Accuracy);
        Assert.Empty(report.Labels);
    }

    [Theory]
    [InlineData("sentiment", "0", "negative")]
    [InlineData("sentiment", "4", "positive")]
    [InlineData("sentiment", "Neutral", "neutral")]
    [InlineData("complaint", "yes", "complaint")]
    [InlineData("complaint", "other", "other")]
    public void NormaliseExpected_CommonSpellings_MapToTaskLabels(string task, string raw, string expected) =>
        Assert.Equal(expected, EvaluationTasks.NormaliseExpected(task, raw));
}
