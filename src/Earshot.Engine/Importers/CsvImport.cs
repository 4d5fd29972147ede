using System.Text.Json;
using CsvHelper;

namespace Earshot.Engine.Importers;

/// <summary>What the CSV importers share: a forgiving reader, header checks and the raw row as JSON.</summary>
internal static class CsvImport
{
    /// <summary>Malformed records are reported to <paramref name="malformed"/> (line → reason) and the import goes on.</summary>
    public static CsvReader Open(TextReader reader, Dictionary<long, string> malformed) => CsvReader.Create(reader, new CsvReaderOptions
    {
        Separator = ',',
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Recover,
        MaxRecordSize = 1 << 20,
        OnMalformedRecord = record => malformed[record.LineNumber] = $"malformed CSV ({Describe(record.Reason)})",
    }, leaveOpen: true);

    /// <summary>
    /// Checks the header, then maps each row; a row the CSV reader found malformed is rejected with its reason
    /// instead of being mapped, and reading goes on.
    /// </summary>
    public static async IAsyncEnumerable<ImportItem> ReadRowsAsync(
        TextReader reader, string formatName, IReadOnlyList<string> required,
        Func<long, IReadOnlyList<string>, CsvReader, ImportItem> map,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var malformed = new Dictionary<long, string>();
        using var csv = Open(reader, malformed);
        var header = ReadHeader(csv, formatName, required);
        while (await csv.ReadAsync(cancellationToken))
        {
            var line = csv.LineNumber;
            yield return malformed.Remove(line, out var reason) ? ImportItem.Rejected(line, reason) : map(line, header, csv);
        }
    }

    public static IReadOnlyList<string> ReadHeader(CsvReader csv, string formatName, IReadOnlyList<string> required)
    {
        IReadOnlyList<string> header;
        try
        {
            header = csv.Headers;
        }
        catch (CsvFormatException error)
        {
            throw new ImportFormatException($"line 1: this is not a {formatName} CSV: {error.Message}");
        }
        if (header.Count == 0)
            throw new ImportFormatException($"the file is empty; expected a {formatName} CSV with a header row");
        var missing = required.Where(r => !header.Contains(r, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
            throw new ImportFormatException(
                $"line 1: this is not a {formatName} CSV: missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}");
        return header;
    }

    /// <summary>The row as a JSON object keyed by the header: the raw payload, kept verbatim.</summary>
    public static string RowAsJson(IReadOnlyList<string> header, CsvReader csv)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < header.Count; i++)
                json.WriteString(header[i], i < csv.FieldCount ? csv.GetString(i) : "");
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string? Field(CsvReader csv, string name) =>
        csv.TryGetFieldIndex(name, out var index) && index < csv.FieldCount ? csv.GetString(index) : null;

    /// <summary>pandas writes integer ids as floats ("192625.0"); ids are kept as their integer digits.</summary>
    public static string? NormaliseId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return null;
        id = id.Trim();
        return id.EndsWith(".0", StringComparison.Ordinal) ? id[..^2] : id;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a stray quote",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quote that is never closed",
        CsvMalformedReason.FieldCountMismatch => "wrong number of fields",
        _ => reason.ToString(),
    };
}
