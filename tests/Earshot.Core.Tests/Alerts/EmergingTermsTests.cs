using Earshot.Core.Alerts.Detection;
using Xunit;

namespace Earshot.Core.Tests.Alerts;

public class EmergingTermsTests
{
    private static readonly string[][] Usual =
    [
        ["love", "the", "new", "playlist"], ["delivery", "was", "fast"], ["great", "support", "today"],
        ["order", "arrived", "on", "time"], ["how", "do", "change", "my", "plan"],
    ];

    private static List<IReadOnlyList<string>> Bucket(int minute, int crashes)
    {
        var posts = new List<IReadOnlyList<string>>();
        for (var i = 0; i < 5; i++) posts.Add(Usual[(minute + i) % Usual.Length]);
        for (var i = 0; i < crashes; i++) posts.Add(["the", "app", "crash", "again", $"user{i}"]);
        return posts;
    }

    [Fact]
    public void SuddenPhrase_AppCrash_EmergesOnceAsNew()
    {
        var terms = new EmergingTerms();
        for (var minute = 0; minute < 120; minute++) Assert.Empty(terms.Observe(Bucket(minute, 0)));

        var reports = Enumerable.Range(120, 10).Select(minute => terms.Observe(Bucket(minute, 3))).ToList();

        var all = reports.SelectMany(r => r).ToList();
        Assert.Contains(all, t => t.Term == "app crash");
        Assert.Single(all, t => t.Term == "app crash" && t.IsNew);
        Assert.DoesNotContain(all, t => t.Term == "delivery");
    }

    [Fact]
    public void UsualWords_NoBurst_NeverEmerge()
    {
        var terms = new EmergingTerms();

        var reports = Enumerable.Range(0, 600).SelectMany(minute => terms.Observe(Bucket(minute, 0))).ToList();

        Assert.Empty(reports);
    }

    [Fact]
    public void TermsOf_StopWordsAndRepeats_AreDropped() =>
        Assert.Equal(
            ["app", "app crash", "crash", "crash app"],
            EmergingTerms.TermsOf(["the", "app", "crash", "app", "crash"]).Order(StringComparer.Ordinal).ToList());
}
