using Earshot.Cases;
using Earshot.Engine.Cases;

namespace Earshot.Exports;

/// <summary>Cases as CSV: the inbox's lists and `GET /api/cases`, every case of the list (all its pages), one row each.</summary>
public static class CasesCsv
{
    public static readonly string[] Columns =
    [
        "id", "status", "subject", "author_handle", "author_name", "channel", "team", "assignee_id", "assignee", "intent",
        "severity", "priority", "reasons", "opened_at", "waiting_since", "due_at", "breaches", "routed_by", "tags",
    ];

    /// <summary>
    /// The download, or why the list cannot be read (as <see cref="CaseLists.LoadAsync"/> says): the first page is read
    /// here, so a bad filter is answered before the file starts.
    /// </summary>
    public static async Task<(CsvDownload? Download, CaseLists.Answer? Refused)> DownloadAsync(CaseLists lists, CaseListQuery query, DateTime now, CancellationToken cancellationToken)
    {
        query = query with { Size = CaseListing.MaxPageSize };
        var first = await lists.LoadAsync(query, cancellationToken);
        if (first.List is not { } firstPage)
            return (null, first);
        return (new CsvDownload("cases", now, async (csv, token) =>
        {
            csv.Header(Columns);
            await csv.EndRowAsync(token);
            for (var page = firstPage; ;)
            {
                foreach (var item in page.Items)
                {
                    Row(csv, item);
                    await csv.EndRowAsync(token);
                }
                if (page.NextCursor is not { } next)
                    break;
                var answer = await lists.LoadAsync(query with { Cursor = next }, token);
                page = answer.List ?? throw new InvalidOperationException($"the case list refused its own cursor: {answer.Error}");
            }
        }), null);
    }

    private static void Row(CsvWriter csv, CaseListItem item)
    {
        csv.Id(item.Id);
        csv.Text(item.Status);
        csv.Text(item.Subject);
        csv.Text(item.AuthorHandle);
        csv.Text(item.AuthorName);
        csv.Text(item.Channel);
        csv.Text(item.Team);
        csv.Id(item.AssigneeId);
        csv.Text(item.Assignee);
        csv.Text(item.Intent);
        csv.List(item.Severity);
        csv.Number(item.Priority, "0.0");
        csv.List(item.Reasons);
        csv.Time(item.OpenedAt);
        csv.Time(item.WaitingSince);
        csv.Time(item.DueAt);
        csv.Number(item.Breaches);
        csv.Text(item.RoutedBy);
        csv.List(item.Tags);
    }
}
