namespace Earshot.Insights;

/// <summary>Builds the insight report from the rollups alone: every figure is a sum over rollup rows, never a scan of posts.</summary>
public static class InsightsBuilder
{
    /// <summary>Null when the query names a topic that the caller's workspaces do not have.</summary>
    public static async Task<InsightsReport?> BuildAsync(EarshotDbContext db, InsightQuery query, CancellationToken cancellationToken)
    {
        if (await RollupSlice.ForAsync(db, query, cancellationToken) is not { } slice)
            return null;
        var examples = new Examples();
        var (volume, totals) = await VolumeSection.OverTimeAsync(db, slice, cancellationToken);
        var share = await VolumeSection.ShareOfVoiceAsync(db, slice, cancellationToken);
        var gripes = await AspectSection.TrendAsync(db, slice, "negative", examples, cancellationToken);
        var delights = await AspectSection.TrendAsync(db, slice, "positive", examples, cancellationToken);
        var switchers = await PeopleSection.SwitchersAsync(db, slice, examples, cancellationToken);
        var (evangelists, detractors) = await PeopleSection.RankAsync(db, slice, cancellationToken);
        var terms = await AspectSection.EmergingAsync(db, slice, cancellationToken);
        var (daysFrom, daysTo) = query.Days;
        return new InsightsReport(query.From, query.To, query.Span == Core.Insights.BucketSpan.Hour ? "hour" : "day", totals, volume, share,
            gripes, delights, switchers, evangelists, detractors, terms, new InsightsReport.DayWindow(daysFrom, daysTo));
    }
}
