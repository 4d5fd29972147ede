using System.Buffers;
using System.Globalization;
using System.Text;

namespace Earshot.Storage.Sqlite;

/// <summary>
/// Rows of a statement's values, encoded as SQLite stores them (UTF-8 text, integers) into pooled buffers ahead of
/// the writer, on whichever thread prepares the batch. The writer then only copies bytes into SQLite: no UTF-16
/// translation, no formatting of ids and times, and no boxed values for the garbage collector to trace while a
/// batch waits its turn. Return the buffers with <see cref="Dispose"/>.
/// </summary>
internal sealed class EncodedRows : IDisposable
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";
    private byte[] _bytes;
    private Cell[] _cells;
    private int _used, _count;

    public EncodedRows(int columns, int rows)
    {
        Columns = columns;
        _cells = ArrayPool<Cell>.Shared.Rent(Math.Max(1, columns * rows));
        _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1024, rows * 512));
    }

    public int Columns { get; }
    public int Count => _count / Columns;

    public void AddText(string? text)
    {
        if (text is null)
        {
            Add(new Cell(CellKind.Null, 0, 0, 0));
            return;
        }
        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_used));
        AddBytes(length);
    }

    /// <summary>As EF Core stores a Guid on SQLite: 36 characters, upper case.</summary>
    public void AddGuid(Guid id)
    {
        Reserve(36);
        var text = _bytes.AsSpan(_used);
        id.TryFormat(text, out var length, "D");
        for (var i = 0; i < length; i++)
        {
            if (text[i] is >= (byte)'a' and <= (byte)'f')
                text[i] -= 'a' - 'A';
        }
        AddBytes(length);
    }

    /// <summary>As EF Core stores a DateTime on SQLite.</summary>
    public void AddTime(DateTime time)
    {
        Reserve(32);
        time.TryFormat(_bytes.AsSpan(_used), out var length, TimeFormat, CultureInfo.InvariantCulture);
        AddBytes(length);
    }

    public void AddInteger(long value) => Add(new Cell(CellKind.Integer, 0, 0, value));

    /// <summary>A value only the writer knows (it needs the database); bound from the values it passes in.</summary>
    public void AddLate() => Add(new Cell(CellKind.Late, 0, 0, 0));

    /// <summary>Ends a row; a row of the wrong width would bind its values to the wrong columns, so it throws.</summary>
    public void EndRow()
    {
        if (_count % Columns != 0)
            throw new InvalidOperationException($"Each row has {Columns} values, but the rows so far hold {_count} in all.");
    }

    public ReadOnlySpan<Cell> Row(int row) => _cells.AsSpan(row * Columns, Columns);

    public ReadOnlySpan<byte> Bytes(Cell cell) => _bytes.AsSpan(cell.Start, cell.Length);

    private void AddBytes(int length)
    {
        Add(new Cell(CellKind.Text, _used, length, 0));
        _used += length;
    }

    private void Add(Cell cell)
    {
        if (_count == _cells.Length)
            _cells = Grow(_cells, _count, _cells.Length * 2);
        _cells[_count++] = cell;
    }

    private void Reserve(int bytes)
    {
        if (_bytes.Length - _used < bytes)
            _bytes = Grow(_bytes, _used, Math.Max(_bytes.Length * 2, _used + bytes));
    }

    private static T[] Grow<T>(T[] array, int used, int size)
    {
        var bigger = ArrayPool<T>.Shared.Rent(size);
        array.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<T>.Shared.Return(array);
        return bigger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<Cell>.Shared.Return(_cells);
        (_bytes, _cells, _used, _count) = ([], [], 0, 0);
    }

    internal enum CellKind : byte { Null, Text, Integer, Late }

    internal readonly record struct Cell(CellKind Kind, int Start, int Length, long Integer);
}
