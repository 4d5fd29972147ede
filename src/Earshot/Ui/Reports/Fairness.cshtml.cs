using Earshot.Reports;

namespace Earshot.Ui.Reports;

/// <summary>The fairness report as a page: are small accounts answered as often and as fast as big ones?</summary>
public sealed class FairnessModel(EarshotDbContext db, AccessScope scope, TimeProvider clock) : PageModel
{
    public FairnessReport Report { get; private set; } = null!;
    public ResponseTimesReport Times { get; private set; } = null!;
    public int Days { get; private set; }

    public async Task OnGetAsync(int? days, CancellationToken cancellationToken)
    {
        Days = Math.Clamp(days ?? 30, 1, 3650);
        var now = clock.GetUtcNow().UtcDateTime;
        var workspaces = await scope.WorkspaceIdsAsync(cancellationToken);
        Report = await FairnessReport.BuildAsync(db, workspaces, now.AddDays(-Days), now.AddMinutes(1), cancellationToken);
        Times = await ResponseTimesReport.BuildAsync(db, workspaces, now.AddDays(-Days), now.AddMinutes(1), now, cancellationToken);
    }

    public static string Minutes(double? minutes) => minutes is { } m ? (m < 120 ? $"{m:0.#} min" : $"{m / 60:0.#} h") : "—";

    public static string Percent(double? rate) => rate is { } r ? $"{r * 100:0}%" : "—";

    public static string Ratio(double? ratio) => ratio is { } r ? $"{r:0.00}" : "too few cases";
}
