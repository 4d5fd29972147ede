using System.Globalization;
using System.Text;
using Earshot.Core.Posts;
using Earshot.Insights;
using Earshot.Posts;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Localization;

namespace Earshot.Ui.Insights;

/// <summary>
/// The insight page, the landing page of leads and analysts: what the stream says over a period, every figure a link
/// to the posts behind it (the Mentions page with the same filters), every chart with its table, all of it as CSV.
/// </summary>
public sealed class IndexModel(EarshotDbContext db, AccessScope scope, TimeProvider clock, IStringLocalizer<InsightsStrings> strings) : PageModel
{
    public static readonly IReadOnlyList<string> Periods = ["24h", "7d", "30d", "90d", "custom"];
    public static readonly IReadOnlyList<string> LanguageCodes = ["en", "de", "es", "fr", "it", "nl", "pt"];

    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Topic { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Language { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sentiment { get; set; }
    [BindProperty(SupportsGet = true)] public string? Intent { get; set; }

    public InsightsReport? Report { get; private set; }
    public IReadOnlyList<string> TopicNames { get; private set; } = [];
    public IReadOnlyList<ChannelKind> Channels => ChannelKinds.All;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Report = await BuildAsync(cancellationToken);
        if (!ModelState.IsValid)
            Response.StatusCode = StatusCodes.Status400BadRequest;
        var visible = await scope.WorkspaceIdsAsync(cancellationToken);
        TopicNames = await db.Topics.AsNoTracking().Where(t => visible == null || visible.Contains(t.WorkspaceId))
            .Select(t => t.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>The report as CSV, one row per figure (see <see cref="InsightsCsv"/>).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (await BuildAsync(cancellationToken) is not { } report)
            return await OnGetAsync(cancellationToken);
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        InsightsCsv.Write(report, csv);
        var name = string.Create(CultureInfo.InvariantCulture, $"earshot-insights-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.csv");
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", name);
    }

    private async Task<InsightsReport?> BuildAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (from, to) = PeriodBounds(now);
        if (!ModelState.IsValid)
            return null;
        var workspaces = await scope.WorkspaceIdsAsync(cancellationToken);
        var (query, errors) = new InsightRequest(from, to, Topic, Channel, Language, Sentiment, Intent).Check(workspaces, now);
        foreach (var (field, messages) in errors)
            ModelState.AddModelError(field, strings["FieldError", strings["Filter." + field], Wording.PhraseStrings.Say(messages[0])]);
        if (query is null)
            return null;
        var report = await InsightsBuilder.BuildAsync(db, query, cancellationToken);
        if (report is null)
            ModelState.AddModelError(nameof(Topic), strings["UnknownTopic", Topic ?? ""]);
        return report;
    }

    private (DateTime? From, DateTime? To) PeriodBounds(DateTime now)
    {
        Period ??= "7d";
        switch (Period)
        {
            case "24h": return (now.AddHours(-24), now);
            case "7d": return (now.AddDays(-7), now);
            case "30d": return (now.AddDays(-30), now);
            case "90d": return (now.AddDays(-90), now);
            case "custom":
                var from = Date(From, nameof(From));
                var to = Date(To, nameof(To));
                return (from, to?.AddDays(1));
            default:
                ModelState.AddModelError(nameof(Period), strings["PeriodError", Period]);
                return (null, null);
        }
    }

    private DateTime? Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ModelState.AddModelError(field, strings["DateMissing", strings["Filter." + field.ToLowerInvariant()]]);
            return null;
        }
        if (DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            return DateTime.SpecifyKind(date, DateTimeKind.Utc);
        ModelState.AddModelError(field, strings["DateError", strings["Filter." + field.ToLowerInvariant()], value]);
        return null;
    }

    /// <summary>The Mentions page with this report's period and filters, plus <paramref name="more"/>.</summary>
    public string Mentions(params (string Name, string? Value)[] more) => Mentions(Report!.From, Report.To, more);

    public string Mentions(DateTime from, DateTime to, params (string Name, string? Value)[] more)
    {
        var query = new QueryBuilder
        {
            { "from", from.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) },
            { "to", to.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) },
        };
        // The figure's own narrowing (a topic, a sentiment) replaces the page's filter of the same name.
        var filters = new (string Name, string? Value)[] { ("topic", Topic), ("channel", Channel), ("language", Language), ("sentiment", Sentiment), ("intent", Intent) }
            .Where(f => !more.Any(m => m.Name == f.Name));
        foreach (var (name, value) in filters.Concat(more))
        {
            if (!string.IsNullOrWhiteSpace(value))
                query.Add(name, value);
        }
        return "/mentions" + query.ToQueryString();
    }

    /// <summary>This page's address with the CSV handler.</summary>
    public string CsvLink() =>
        "/insights" + new QueryBuilder(Request.Query.Where(kv => kv.Key != "handler").SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, v ?? ""))))
        {
            { "handler", "Csv" },
        }.ToQueryString();

    public static string Percent(double share) => share.ToString("P1", CultureInfo.CurrentCulture);

    public static string Change(double? change) => change is { } c ? c.ToString("+0%;-0%;0%", CultureInfo.CurrentCulture) : "";

    public static string Signed(double value) => value.ToString("+0.00;-0.00;0.00", CultureInfo.CurrentCulture);

    /// <summary>The chart's numbers for insights.js; topic names are the only text, and the JSON encoder escapes markup.</summary>
    public string ChartData() => System.Text.Json.JsonSerializer.Serialize(new
    {
        bucket = Report!.Bucket,
        volume = Report.Volume.Select(v => new { at = v.Bucket, posts = v.Posts, negative = v.Negative, positive = v.Positive }),
        share = Report.ShareOfVoice.Select(s => new { topic = s.Topic, share = s.Share, previous = s.PreviousShare }),
        labels = new
        {
            posts = strings["Series.Posts"].Value, negative = strings["Series.Negative"].Value, positive = strings["Series.Positive"].Value,
            now = strings["Series.Now"].Value, before = strings["Series.Before"].Value,
        },
    });
}
