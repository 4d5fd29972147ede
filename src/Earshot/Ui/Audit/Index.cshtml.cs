using Earshot.Audit;
using Earshot.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Audit;

/// <summary>
/// The audit log for admins: filter by kind, actor, workspace and time (in the user's time zone), newest first, paged
/// by cursor. Anyone else gets the 403 error page, as for every page their role does not allow.
/// </summary>
[Authorize(Policy = AccessServices.AdminOnly)]
public sealed class IndexModel(EarshotDbContext db, IStringLocalizer<AuditStrings> strings) : PageModel
{
    public AuditPage Results { get; private set; } = new([], null);
    public IReadOnlyList<string> Workspaces { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public (string Field, string Message)? Problem { get; private set; }

    public string? Q(string name) => Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Zone = AuditQuery.Zone(Q("tz"));
        Workspaces = await db.Workspaces.AsNoTracking().OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(cancellationToken);
        int? limit = int.TryParse(Q("limit"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var given) ? given : null;
        if (limit is null && !string.IsNullOrEmpty(Q("limit")))
            limit = -1;
        var (filter, field, error) = await AuditQuery.ParseAsync(db, Q("kind"), Q("actor"), Q("workspace"), Q("since"), Q("until"), Q("cursor"), limit, Zone, cancellationToken);
        if (filter is null)
        {
            Problem = (field!, PhraseStrings.Say(error!));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Results = await AuditQuery.ReadAsync(db, filter, cancellationToken);
        return Page();
    }

    /// <summary>The time as the user reads it, in their zone (UTC until the browser has told the page its zone).</summary>
    public string When(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, Zone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
        + " " + (Zone == TimeZoneInfo.Utc ? "UTC" : Zone.Id);

    /// <summary>This page again with the same filters, from <paramref name="cursor"/> on.</summary>
    public string OlderLink(string cursor)
    {
        var query = Request.Query.Where(q => q.Key != "cursor").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["cursor"] = cursor;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/audit", query);
    }

    public string Text(string key) => strings[key];
}
