using CsvHelper;

namespace Earshot.IntegrationTests.Exports;

/// <summary>A CSV download read back by another library (CsvHelper), as a spreadsheet or script would read it: rows by column name.</summary>
internal sealed record CsvRows(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows, string Body)
{
    public static async Task<CsvRows> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        return Parse(body);
    }

    public static CsvRows Parse(string body)
    {
        using var csv = CsvReader.FromText(body, new CsvReaderOptions { HasHeader = true, Separator = ',', Mode = CsvMode.Rfc4180, AllowLineBreaksInQuotes = true });
        var header = csv.Headers.ToList();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (csv.Read())
        {
            Assert.Equal(header.Count, csv.FieldCount);
            rows.Add(header.Select((name, i) => (name, csv.GetString(i))).ToDictionary(c => c.name, c => c.Item2, StringComparer.Ordinal));
        }
        return new CsvRows(header, rows, body);
    }
}
