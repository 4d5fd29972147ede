using Earshot.Reports;

namespace Earshot.Ui.Reports;

/// <summary>The fairness report as a page: are small accounts answered as often and as fast as big ones?</summary>
public sealed class FairnessModel(EarshotDbContext db, AccessScope scope, TimeProvider clock) : PageModel
{
    public FairnessReport Report { get; private set; } = null!;
    public ResponseTimesReport Times { get; private set; } = null!;
    public int Days { get; private set; }

    /// <summary>Why the period asked for was not used (the report then covers the default 30 days).</summary>
    public string? DaysError { get; private set; }

    public const int DefaultDays = 30;
    public const int MaxDays = 3650;

    public async Task OnGetAsync(string? days, CancellationToken cancellationToken)
    {
        Days = DefaultDays;
        if (days is not null)
        {
            if (int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked) && asked is >= 1 and <= MaxDays)
                Days = asked;
            else
                DaysError = $"\"{days}\" is not a number of days from 1 to {MaxDays}; showing the last {DefaultDays} days.";
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var workspaces = await scope.WorkspaceIdsAsync(cancellationToken);
        Report = await FairnessReport.BuildAsync(db, workspaces, now.AddDays(-Days), now.AddMinutes(1), cancellationToken);
        Times = await ResponseTimesReport.BuildAsync(db, workspaces, now.AddDays(-Days), now.AddMinutes(1), now, cancellationToken);
    }

    public static string Minutes(double? minutes) => minutes is { } m ? (m < 120 ? $"{m:0.#} min" : $"{m / 60:0.#} h") : "—";

    public static string Percent(double? rate) => rate is { } r ? $"{r * 100:0}%" : "—";

    public static string Ratio(double? ratio) => ratio is { } r ? $"{r:0.00}" : "too few cases";

    /// <summary>The headline: a ratio only between tiers with enough answered cases, and a plain sentence when there are none.</summary>
    public static string ParitySentence(FairnessReport.Parity parity)
    {
        var time = parity.ResponseTimeRatio is { } ratio
            ? $"Parity: the slowest tier ({parity.SlowestTier}) waits {ratio:0.00}× as long as the fastest ({parity.FastestTier}) for a first response"
            : $"Parity: too few answered cases to compare response times (each tier needs {FairnessReport.MinimumForParity})";
        var rate = parity.AnswerRateRatio is { } answered
            ? $"; the lowest answer rate is {answered:0.00} of the highest (1.00 = equal)."
            : ".";
        return time + rate;
    }
}
