using Earshot.Core.Insights;
using Earshot.Core.Posts;

namespace Earshot.Insights;

/// <summary>
/// What an insight report covers: a period and the filters of the insight pages. The period is widened to whole
/// buckets (hours up to three days, days beyond), which is what the rollups count in; <see cref="From"/> and
/// <see cref="To"/> are the widened bounds, and the report states them.
/// </summary>
public sealed record InsightQuery
{
    public required IReadOnlyCollection<Guid>? WorkspaceIds { get; init; }
    public required DateTime From { get; init; }
    public required DateTime To { get; init; }
    public string? Topic { get; init; }
    public ChannelKind? Channel { get; init; }
    public string? Language { get; init; }
    public string? Sentiment { get; init; }
    public string? Intent { get; init; }

    public static readonly TimeSpan LongestHourly = TimeSpan.FromDays(3);

    public BucketSpan Span => To - From <= LongestHourly ? BucketSpan.Hour : BucketSpan.Day;

    public DateTime PreviousFrom => From - (To - From);

    /// <summary>The period widened to whole buckets of the span its length calls for.</summary>
    public static (DateTime From, DateTime To) Aligned(DateTime from, DateTime to)
    {
        var ticks = to - from <= LongestHourly ? TimeSpan.TicksPerHour : TimeSpan.TicksPerDay;
        var start = new DateTime(from.Ticks - from.Ticks % ticks, DateTimeKind.Utc);
        var end = new DateTime(to.Ticks % ticks == 0 ? to.Ticks : to.Ticks - to.Ticks % ticks + ticks, DateTimeKind.Utc);
        return (start, end);
    }

    /// <summary>Aspects and people are counted per day: their period is the days the report's period touches.</summary>
    public (DateTime From, DateTime To) Days => (From.Date, To.TimeOfDay == TimeSpan.Zero ? To : To.Date.AddDays(1));
}
