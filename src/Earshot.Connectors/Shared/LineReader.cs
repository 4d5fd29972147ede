using System.Buffers;
using System.Runtime.CompilerServices;

namespace Earshot.Connectors.Shared;

/// <summary>
/// Splits a byte stream into lines ended by CR, LF or CRLF (a CRLF split across two reads still counts once).
/// Lines are decoded only when complete, so a UTF-8 character or a JSON object cut between reads survives.
/// A line over the limit is reported and skipped without losing the lines after it; I/O failures end the
/// sequence with a <see cref="StreamLineKind.TransportError"/> item instead of an exception.
/// </summary>
public static class LineReader
{
    public const int DefaultMaxLineBytes = 1024 * 1024;

    public static async IAsyncEnumerable<StreamLine> ReadLinesAsync(
        Stream stream, int maxLineBytes = DefaultMaxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var line in ReadRawLinesAsync(stream, maxLineBytes, cancellationToken).ConfigureAwait(false))
            yield return new StreamLine(line.Kind, line.Number, line.Decode(), line.ByteCount);
    }

    /// <summary>
    /// The same lines, undecoded: a reader that needs only part of a line (an SSE field's value) decodes only that.
    /// A line's bytes are valid until the enumeration moves on.
    /// </summary>
    public static async IAsyncEnumerable<RawStreamLine> ReadRawLinesAsync(
        Stream stream, int maxLineBytes = DefaultMaxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var line = new ArrayBufferWriter<byte>();
        long number = 0, skipped = 0;
        bool tooLong = false, afterCr = false;
        try
        {
            while (true)
            {
                int read;
                string? failure = null;
                try
                {
                    read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                }
                catch (IOException exception)
                {
                    read = 0;
                    failure = exception.Message;
                }
                if (failure is not null)
                {
                    yield return new RawStreamLine(StreamLineKind.TransportError, number + 1, default, failure, 0);
                    yield break;
                }
                if (read == 0)
                    break;

                var start = 0;
                if (afterCr && buffer[0] == (byte)'\n')
                    start = 1;
                afterCr = false;
                while (start < read)
                {
                    var end = Append(buffer.AsSpan(start, read - start), line, maxLineBytes, ref tooLong, ref skipped);
                    if (end < 0)
                        break;
                    var endedByCr = buffer[start + end] == (byte)'\r';

                    number++;
                    yield return tooLong
                        ? new RawStreamLine(StreamLineKind.TooLong, number, default, $"line {number} is longer than {maxLineBytes} bytes ({skipped} bytes skipped)", skipped)
                        : new RawStreamLine(StreamLineKind.Text, number, line.WrittenMemory, null, line.WrittenCount);
                    line.Clear();
                    tooLong = false;
                    skipped = 0;
                    start += end + 1;
                    if (endedByCr)
                    {
                        if (start < read && buffer[start] == (byte)'\n')
                            start++;
                        else if (start == read)
                            afterCr = true;
                    }
                }
            }
            if (tooLong)
                yield return new RawStreamLine(StreamLineKind.TooLong, number + 1, default, $"line {number + 1} is longer than {maxLineBytes} bytes and was cut off by the end of the stream", skipped);
            else if (line.WrittenCount > 0)
                yield return new RawStreamLine(StreamLineKind.Truncated, number + 1, line.WrittenMemory, null, line.WrittenCount);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Copies bytes up to the next CR/LF into the line (or counts them as skipped once over the limit);
    // returns the terminator's index, or -1 when the chunk ends mid-line.
    private static int Append(ReadOnlySpan<byte> chunk, ArrayBufferWriter<byte> line, int maxLineBytes, ref bool tooLong, ref long skipped)
    {
        var end = chunk.IndexOfAny((byte)'\r', (byte)'\n');
        var piece = end < 0 ? chunk : chunk[..end];
        if (tooLong || line.WrittenCount + piece.Length > maxLineBytes)
        {
            skipped += line.WrittenCount + piece.Length;
            line.Clear();
            tooLong = true;
        }
        else
        {
            line.Write(piece);
        }
        return end;
    }
}
