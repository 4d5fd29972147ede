using System.Globalization;
using Earshot.Core.Understanding;

namespace Earshot.Benchmarks.Understanding;

/// <summary>
/// `understanding-sweep`: how the neutral band's two thresholds trade accuracy on every labelled set at once.
/// Used to choose the two global constants in BuiltInClassifier; word lists are never tuned this way.
/// </summary>
public sealed class ThresholdSweep : IBench
{
    public string Name => "understanding-sweep";
    public string Description => "accuracy of the built-in model's sentiment thresholds over all labelled sets";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var shared = LabelledSets.FindSharedData();
        if (shared is null)
        {
            Console.WriteLine("SKIPPED: ../shared/data not found.");
            return Task.FromResult(0);
        }
        var classifier = new BuiltInClassifier();
        var sets = new[] { LabelledSets.Airline(shared), LabelledSets.Sentiment140(shared) }
            .Select(posts => posts.Select(p => (p.Sentiment, classifier.Classify(p.Text).SentimentScore)).ToList())
            .ToList();
        var results = new List<(double Mean, double Pos, double Neg, double[] PerSet)>();
        for (var pos = 0.0; pos <= 0.8001; pos += 0.05)
        {
            for (var neg = 0.0; neg >= -0.5001; neg -= 0.05)
            {
                var perSet = sets.Select(set => set.Count(s => Label(s.SentimentScore, pos, neg) == s.Sentiment) / (double)set.Count).ToArray();
                results.Add((perSet.Average(), pos, neg, perSet));
            }
        }
        foreach (var r in results.OrderByDescending(r => r.Mean).Take(15))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pos>={r.Pos:0.00} neg<={r.Neg:0.00}  mean={r.Mean:0.000}  airline={r.PerSet[0]:0.000}  s140={r.PerSet[1]:0.000}"));
        return Task.FromResult(0);
    }

    private static string Label(double score, double pos, double neg) =>
        score > 0 && score >= pos ? "positive" : score < 0 && score <= neg ? "negative" : "neutral";
}
