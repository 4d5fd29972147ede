using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Account;

/// <summary>
/// Each user's language and time zone. Every request rebuilds the sign-in's claims from the stored user
/// (<see cref="SignInRevocation"/>), so the very next page speaks the language and shows times on that clock, in
/// every browser they are signed in to; "as the browser says" clears a choice. Leads, analysts and admins also choose
/// here whether they get the weekly digest e-mail (<see cref="Digests.DigestWorker"/>).
/// </summary>
public sealed class PreferencesModel(EarshotDbContext db, TimeProvider clock, IStringLocalizer<PreferencesStrings> strings) : PageModel
{
    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    /// <summary>The weekly digest e-mail; offered to leads, analysts and admins only.</summary>
    [BindProperty]
    public bool WeeklyDigest { get; set; }

    public bool DigestOffered { get; private set; }

    public bool Saved { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Every zone the server knows, by name, with its offset now.</summary>
    public IReadOnlyList<(string Id, string Label)> Zones { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        if (await CurrentUserAsync(cancellationToken) is not { } user)
            return NotFound();
        (Language, TimeZone, WeeklyDigest, Saved) = (user.Language, user.TimeZone, user.WeeklyDigest, saved);
        DigestOffered = Core.Workspaces.User.MayReceiveDigest(user.Role);
        LoadZones();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await CurrentUserAsync(cancellationToken) is not { } user)
            return NotFound();
        var language = string.IsNullOrWhiteSpace(Language) ? null : Language.Trim();
        var zone = string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim();
        if (language is not null && !Languages.Supported.Contains(language))
            Error = strings["UnknownLanguage"];
        else if (zone is not null && (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) || !found.HasIanaId))
            Error = strings["UnknownZone", zone];
        DigestOffered = Core.Workspaces.User.MayReceiveDigest(user.Role);
        if (Error is not null)
        {
            LoadZones();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        (user.Language, user.TimeZone) = (language, zone);
        // An agent's form has no checkbox; a crafted post cannot sign them up either.
        user.WeeklyDigest = DigestOffered && WeeklyDigest;
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/account/preferences?saved=true");
    }

    private async Task<Core.Workspaces.User?> CurrentUserAsync(CancellationToken cancellationToken) =>
        User.UserId() is { } id ? await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) : null;

    private void LoadZones()
    {
        var now = clock.GetUtcNow();
        Zones = TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId && z.Id.Contains('/', StringComparison.Ordinal))
            .OrderBy(z => z.Id, StringComparer.Ordinal)
            .Select(z => (z.Id, strings["ZoneOption", z.Id, Offset(z.GetUtcOffset(now))].Value)).ToList();
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "−" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
