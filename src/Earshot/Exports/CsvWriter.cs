using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Earshot.Exports;

/// <summary>
/// Writes RFC 4180 CSV (comma-separated, CRLF rows, fields with a comma, quote or line break quoted, quotes doubled)
/// as UTF-8 straight into a pipe, flushing every <see cref="FlushBytes"/> so a long export holds one chunk, not the file.
/// </summary>
/// <remarks>
/// Text cells are what posters wrote: one that a spreadsheet would run as a formula (starting with =, +, -, @, tab
/// or CR) gets a leading apostrophe and is quoted, as OWASP's "CSV injection" advice says. Numbers and times are ours
/// and are written as they are, so a negative score stays a number.
/// </remarks>
public sealed class CsvWriter(PipeWriter output)
{
    public const int FlushBytes = 64 * 1024;

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    private long _unflushed;
    private bool _rowHasCells;

    /// <summary>Rows ended so far, the header included.</summary>
    public long Rows { get; private set; }

    public void Header(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
            Text(name);
    }

    /// <summary>Untrusted text: quoted when needed and kept from being read as a formula. Null is an empty cell.</summary>
    public void Text(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value))
            return;
        var formula = FormulaStarts.Contains(value[0]);
        if (!formula && !value.AsSpan().ContainsAny(NeedsQuotes))
        {
            Write(value);
            return;
        }
        Write(formula ? "\"'" : "\"");
        var rest = value.AsSpan();
        for (var quote = rest.IndexOf('"'); quote >= 0; quote = rest.IndexOf('"'))
        {
            Write(rest[..(quote + 1)]);
            Write("\"");
            rest = rest[(quote + 1)..];
        }
        Write(rest);
        Write("\"");
    }

    /// <summary>Several values in one cell, separated by "; ".</summary>
    public void List(IEnumerable<string> values) => Text(string.Join("; ", values));

    public void Number(double? value, string format = "0.###")
    {
        Separator();
        if (value is { } number)
            Write(number.ToString(format, CultureInfo.InvariantCulture));
    }

    public void Number(long? value)
    {
        Separator();
        if (value is { } number)
            Write(number.ToString(CultureInfo.InvariantCulture));
    }

    public void Id(Guid? value)
    {
        Separator();
        if (value is { } id)
            Write(id.ToString("D"));
    }

    /// <summary>UTC, ISO 8601 to the second ("2026-03-01T10:00:00Z"): what spreadsheets and scripts both read.</summary>
    public void Time(DateTime? value)
    {
        Separator();
        if (value is { } time)
            Write(time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    public void Flag(bool value)
    {
        Separator();
        Write(value ? "true" : "false");
    }

    /// <summary>Ends the row; sends what has gathered to the client once it is a chunk's worth.</summary>
    public ValueTask EndRowAsync(CancellationToken cancellationToken)
    {
        Write("\r\n");
        _rowHasCells = false;
        Rows++;
        return _unflushed >= FlushBytes ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _unflushed = 0;
        await output.FlushAsync(cancellationToken);
    }

    private void Separator()
    {
        if (_rowHasCells)
            Write(",");
        _rowHasCells = true;
    }

    private void Write(ReadOnlySpan<char> text) => _unflushed += Encoding.UTF8.GetBytes(text, output);
}
