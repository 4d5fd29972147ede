using System.Globalization;
using CsvHelper;
using Earshot.Core.Understanding;
using Xunit;

namespace Earshot.Core.Tests.Understanding.Aspects;

/// <summary>
/// How often an aspect the built-in model finds is one a person would count: precision (and recall) on 80 real
/// customer tweets labelled by hand (twcs-aspects.tsv beside this file; the tweets are read in place from
/// ../shared/data, never copied). The figures are in docs/EVALUATION.md; the floor here keeps them from slipping.
/// </summary>
public sealed class AspectPrecisionTests(ITestOutputHelper output)
{
    private static readonly BuiltInClassifier Classifier = new();

    [Fact]
    public void BuiltIn_Aspects_OnHandLabelledTweets_AreMostlyRight()
    {
        var tweets = TweetsOrSkip();
        var gold = Gold();
        Assert.Equal(80, gold.Count);
        int found = 0, right = 0, wanted = 0, recalled = 0;
        var wrong = new List<string>();
        foreach (var (id, acceptable) in gold)
        {
            var aspects = Classifier.Classify(tweets[id]).Aspects;
            found += aspects.Count;
            right += aspects.Count(acceptable.Contains);
            wrong.AddRange(aspects.Where(a => !acceptable.Contains(a)).Select(a => $"{id}: {a}"));
            // Recall counts a tweet's things once each: its first acceptable name stands for the thing.
            wanted += acceptable.Count > 0 ? 1 : 0;
            recalled += acceptable.Count > 0 && aspects.Any(acceptable.Contains) ? 1 : 0;
        }
        var precision = (double)right / found;
        var recall = (double)recalled / wanted;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"aspects found {found}, right {right}: precision {precision:0.000}; tweets with a thing {wanted}, of which found {recalled}: recall {recall:0.000}"));
        output.WriteLine("not counted as right: " + string.Join("; ", wrong));
        Assert.True(precision >= 0.80, $"aspect precision {precision:0.000} is below 0.80 (recall {recall:0.000}); wrong: {string.Join("; ", wrong)}");
    }

    private static Dictionary<string, HashSet<string>> Gold() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Understanding", "Aspects", "twcs-aspects.tsv"))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('\t'))
            .ToDictionary(cells => cells[0], cells => cells[1].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));

    private static Dictionary<string, string> TweetsOrSkip()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "data", "twcs-random5k", "twcs_small.csv");
            if (!File.Exists(path))
                continue;
            using var csv = CsvReader.FromFile(path, new CsvReaderOptions { HasHeader = true });
            var tweets = new Dictionary<string, string>(StringComparer.Ordinal);
            while (csv.Read())
                tweets[csv.GetString("tweet_id")] = csv.GetString("text");
            return tweets;
        }
        Assert.Skip("../shared/data/twcs-random5k/twcs_small.csv not found; the tweets are read in place, never bundled.");
        return [];
    }
}
