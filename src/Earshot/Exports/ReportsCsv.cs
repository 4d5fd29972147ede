using Earshot.Reports;

namespace Earshot.Exports;

/// <summary>The reports' tables as CSV: one row per group (and follower tier), the figures as numbers, minutes as minutes.</summary>
public static class ReportsCsv
{
    public static readonly string[] StatsColumns = ["requests", "answered", "answer_rate", "median_minutes", "p90_minutes", "sla_met_rate", "breaches"];

    /// <summary>The tier tables: overall, then per team, then per channel; a row for every tier, empty ones too.</summary>
    public static CsvDownload Fairness(FairnessReport report, DateTime now) => new("fairness", now, async (csv, cancellationToken) =>
    {
        csv.Header(["scope", "group", "tier", .. StatsColumns]);
        await csv.EndRowAsync(cancellationToken);
        var groups = new[] { ("overall", "", report.Tiers) }
            .Concat(report.Teams.Select(t => ("team", t.Name, t.Tiers)))
            .Concat(report.Channels.Select(c => ("channel", c.Name, c.Tiers)));
        foreach (var (scope, group, tiers) in groups)
        {
            foreach (var (tier, stats) in tiers)
            {
                csv.Text(scope);
                csv.Text(group);
                csv.Text(tier);
                Stats(csv, stats);
                await csv.EndRowAsync(cancellationToken);
            }
        }
    });

    /// <summary>Overall, then per team, agent, channel and intent, as the report's table lists them.</summary>
    public static CsvDownload ResponseTimes(ResponseTimesReport report, DateTime now) => new("response-times", now, async (csv, cancellationToken) =>
    {
        csv.Header(["kind", "group", .. StatsColumns]);
        await csv.EndRowAsync(cancellationToken);
        var rows = new[] { ("overall", "", report.Overall) }
            .Concat(report.Teams.Select(t => ("team", t.Key, t.Value)))
            .Concat(report.Agents.Select(a => ("agent", a.Key, a.Value)))
            .Concat(report.Channels.Select(c => ("channel", c.Key, c.Value)))
            .Concat(report.Intents.Select(i => ("intent", i.Key, i.Value)));
        foreach (var (kind, group, stats) in rows)
        {
            csv.Text(kind);
            csv.Text(group);
            Stats(csv, stats);
            await csv.EndRowAsync(cancellationToken);
        }
    });

    private static void Stats(CsvWriter csv, ResponseStats stats)
    {
        csv.Number(stats.Requests);
        csv.Number(stats.Answered);
        csv.Number(stats.AnswerRate, "0.####");
        csv.Number(stats.MedianMinutes, "0.#");
        csv.Number(stats.P90Minutes, "0.#");
        csv.Number(stats.SlaMetRate, "0.####");
        csv.Number(stats.Breaches);
    }
}
