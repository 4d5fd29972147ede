using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Earshot.Exports;

/// <summary>
/// A CSV file streamed as an attachment, for endpoints and page handlers alike: the rows go out as
/// <paramref name="write"/> produces them, so nothing holds the whole result. Errors in the request must be answered
/// before this runs; once the first chunk is sent the status is 200.
/// </summary>
public sealed class CsvDownload(string name, DateTime now, Func<CsvWriter, CancellationToken, Task> write) : IResult, IActionResult
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>"posts-20260301-1000.csv": the name says what it holds and when it was taken.</summary>
    public string FileName { get; } = string.Create(CultureInfo.InvariantCulture, $"{name}-{now:yyyyMMdd-HHmm}.csv");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = FileName }.ToString();
        // The export is the live data of the moment: never kept by a cache between here and the browser.
        response.Headers.CacheControl = "no-store";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var csv = new CsvWriter(response.BodyWriter);
        await write(csv, httpContext.RequestAborted);
        await csv.FlushAsync(httpContext.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);

    /// <summary>
    /// Whether a list endpoint should answer CSV: `format=csv` (what a link can say), or an Accept header that
    /// prefers text/csv to everything else it lists.
    /// </summary>
    public static bool Wanted(HttpRequest request)
    {
        if (request.Query.TryGetValue("format", out var format))
            return string.Equals(format.ToString().Trim(), "csv", StringComparison.OrdinalIgnoreCase);
        var accepted = request.GetTypedHeaders().Accept;
        var csv = accepted.Where(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var others = accepted.Where(a => !a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        return csv > 0 && csv >= others;
    }
}
