using Earshot.Reports;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Reports;

/// <summary>The fairness report as a page: are small accounts answered as often and as fast as big ones?</summary>
public sealed class FairnessModel(EarshotDbContext db, AccessScope scope, TimeProvider clock, IStringLocalizer<ReportsStrings> strings) : PageModel
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
        ReadDays(days);
        var now = clock.GetUtcNow().UtcDateTime;
        var workspaces = await scope.WorkspaceIdsAsync(cancellationToken);
        Report = await FairnessReport.BuildAsync(db, workspaces, now.AddDays(-Days), now.AddMinutes(1), cancellationToken);
        Times = await ResponseTimesReport.BuildAsync(db, workspaces, now.AddDays(-Days), now.AddMinutes(1), now, cancellationToken);
    }

    /// <summary>The tier tables of the period shown, as CSV.</summary>
    public async Task<IActionResult> OnGetFairnessCsvAsync(string? days, CancellationToken cancellationToken)
    {
        ReadDays(days);
        var now = clock.GetUtcNow().UtcDateTime;
        var report = await FairnessReport.BuildAsync(db, await scope.WorkspaceIdsAsync(cancellationToken), now.AddDays(-Days), now.AddMinutes(1), cancellationToken);
        return Exports.ReportsCsv.Fairness(report, now);
    }

    /// <summary>The response-times table of the period shown, as CSV.</summary>
    public async Task<IActionResult> OnGetResponseTimesCsvAsync(string? days, CancellationToken cancellationToken)
    {
        ReadDays(days);
        var now = clock.GetUtcNow().UtcDateTime;
        var report = await ResponseTimesReport.BuildAsync(db, await scope.WorkspaceIdsAsync(cancellationToken), now.AddDays(-Days), now.AddMinutes(1), now, cancellationToken);
        return Exports.ReportsCsv.ResponseTimes(report, now);
    }

    /// <summary>The period's length in days; one that does not read is the default, and says why.</summary>
    private void ReadDays(string? days)
    {
        Days = DefaultDays;
        if (days is null)
            return;
        if (int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked) && asked is >= 1 and <= MaxDays)
            Days = asked;
        else
            DaysError = strings["DaysError", days, MaxDays, DefaultDays];
    }

    public string CsvLink(string handler) => $"/reports/fairness?handler={handler}&days={Days.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string Minutes(double? minutes, IStringLocalizer<ReportsStrings> strings) =>
        minutes is { } m ? (m < 120 ? strings["MinutesValue", m] : strings["HoursValue", m / 60]) : "—";

    public static string Percent(double? rate) => rate is { } r ? $"{r * 100:0}%" : "—";

    public static string Ratio(double? ratio, IStringLocalizer<ReportsStrings> strings) => ratio is { } r ? $"{r:0.00}" : strings["TooFewCases"];

    /// <summary>The headline: a ratio only between tiers with enough answered cases, and a plain sentence when there are none.</summary>
    /// <remarks>One whole sentence per case, so a translation need not join clauses in English order.</remarks>
    public static string ParitySentence(FairnessReport.Parity parity, IStringLocalizer<ReportsStrings> strings) =>
        (parity.ResponseTimeRatio, parity.AnswerRateRatio) switch
        {
            ({ } time, { } rate) => strings["ParityBoth", parity.SlowestTier ?? "", time, parity.FastestTier ?? "", rate],
            ({ } time, null) => strings["ParityTime", parity.SlowestTier ?? "", time, parity.FastestTier ?? ""],
            (null, { } rate) => strings["ParityRate", FairnessReport.MinimumForParity, rate],
            _ => strings["ParityNone", FairnessReport.MinimumForParity],
        };
}
