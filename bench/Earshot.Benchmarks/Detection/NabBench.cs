using System.Diagnostics;
using System.Globalization;
using Earshot.Core.Alerts.Detection;
using Earshot.Core.Alerts.Detection.Evaluation;

namespace Earshot.Benchmarks.Detection;

/// <summary>
/// Early-warning detector vs the naive mean + kσ peer on NAB's labelled Twitter volume and on synthetic
/// series with injected spikes. Optional args: `k=4` (naive k), `alpha=1e-6`, `window=15`, `cooldown=12`.
/// </summary>
public sealed class NabBench : IBench
{
    public string Name => "nab";

    public string Description => "spike detector vs mean+kσ on NAB Twitter volume and synthetic spikes";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var folder = DataFolder.Find("nab-twitter-volume");
        if (folder is null)
        {
            Console.WriteLine("nab: skipped, ../shared/data/nab-twitter-volume not found (it is not part of the repository).");
            return Task.FromResult(0);
        }
        var settings = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        double Arg(string key, double fallback) =>
            settings.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var options = NabEvaluation.Options with
        {
            Alpha = settings.ContainsKey("alpha") ? Arg("alpha", 1e-6) : NabEvaluation.Options.Alpha,
            Window = TimeSpan.FromMinutes(Arg("window", NabEvaluation.Options.Window.TotalMinutes)),
            Cooldown = TimeSpan.FromHours(Arg("cooldown", NabEvaluation.Options.Cooldown.TotalHours)),
            MinimumRatio = Arg("ratio", NabEvaluation.Options.MinimumRatio),
            LongWindow = settings.ContainsKey("long") ? TimeSpan.FromMinutes(Arg("long", 60)) : NabEvaluation.Options.LongWindow,
        };
        // The classic 3σ, and 8σ: the k at which the naive peer is closest to our false-alarm rate.
        double[] naiveKs = settings.ContainsKey("k") ? [Arg("k", 3)] : [3, 8];

        using var labelsReader = File.OpenText(Path.Combine(folder, "anomaly_windows.json"));
        var labels = NabLabels.Parse(labelsReader);
        var series = labels.Keys.Order(StringComparer.Ordinal).Select(name =>
        {
            using var reader = File.OpenText(Path.Combine(folder, name));
            return (name, points: SeriesDetection.ParseCsv(reader));
        }).ToList();

        var ours = new List<SeriesEvaluation>();
        var naive = naiveKs.Select(_ => new List<SeriesEvaluation>()).ToList();
        var oursTime = new Stopwatch();
        var naiveTime = new Stopwatch();
        foreach (var (name, points) in series)
        {
            oursTime.Start();
            var detections = NabEvaluation.RunOurs(points, options);
            oursTime.Stop();
            naiveTime.Start();
            var naiveDetections = naiveKs.Select(k => NabEvaluation.RunNaive(points, k)).ToList();
            naiveTime.Stop();
            ours.Add(SeriesEvaluation.Evaluate(name, points, labels[name], detections));
            for (var i = 0; i < naiveKs.Length; i++)
                naive[i].Add(SeriesEvaluation.Evaluate(name, points, labels[name], naiveDetections[i]));
        }

        Console.WriteLine($"NAB realTweets, {series.Sum(s => s.points.Count):N0} points in {series.Count} series (5-minute counts)");
        Console.WriteLine($"ours: window {options.Window.TotalMinutes} min, alpha {options.EffectiveAlpha:G2}, cooldown {options.Cooldown.TotalHours} h; naive: mean + kσ over the last day, same cooldown");
        Report.Table("ours (seasonal median + negative binomial)", ours);
        for (var i = 0; i < naiveKs.Length; i++) Report.Table($"naive mean + {naiveKs[i]}σ", naive[i]);
        SyntheticReport.Run(naiveKs[0]);
        Console.WriteLine();
        // The naive time covers all its k values, so compare per run.
        var ratio = oursTime.Elapsed.TotalMilliseconds / Math.Max(1e-3, naiveTime.Elapsed.TotalMilliseconds / naiveKs.Length);
        Console.WriteLine($"time on NAB: ours {oursTime.Elapsed.TotalMilliseconds:F0} ms, naive {naiveTime.Elapsed.TotalMilliseconds / naiveKs.Length:F0} ms per k (ours/naive {ratio:F1}×); peak memory {PeakMemory.MiB():F0} MiB");
        if (settings.ContainsKey("dump")) Dump(series, labels, options);
        return Task.FromResult(0);
    }

    private static void Dump(
        List<(string name, IReadOnlyList<(DateTime time, double value)> points)> series,
        IReadOnlyDictionary<string, IReadOnlyList<NabWindow>> labels, DetectorOptions options)
    {
        foreach (var (name, points) in series)
        {
            Console.WriteLine(name);
            foreach (var w in labels[name]) Console.WriteLine($"  window {w.Start:MM-dd HH:mm} .. {w.End:MM-dd HH:mm}");
            foreach (var e in SeriesDetection.RunEvents(points, options).Where(e => e.Phase != DetectionPhase.Updated))
            {
                var inWindow = labels[name].Any(w => e.At >= w.Start && e.At <= w.End);
                Console.WriteLine($"  {e.Kind} {e.Phase} {e.At:MM-dd HH:mm} {(inWindow ? "HIT" : "")} E={e.Expected:F0} O={e.Observed:F0} score={e.Score:F1} peak={e.Peak:F0} total={e.Total:F0}");
            }
        }
    }
}
