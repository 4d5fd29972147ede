namespace Earshot.Connectors.Shared;

public enum StreamLineKind
{
    /// <summary>A complete line, terminator removed.</summary>
    Text,
    /// <summary>A line longer than the limit; its bytes were skipped up to the next terminator.</summary>
    TooLong,
    /// <summary>Bytes left without a terminator when the stream ended (a cut-off object).</summary>
    Truncated,
    /// <summary>The stream failed (connection reset); nothing follows.</summary>
    TransportError,
}

/// <summary>One line of a long-lived text stream. <see cref="Text"/> is the error message for failures.</summary>
public readonly record struct StreamLine(StreamLineKind Kind, long Number, string Text, long ByteCount);

/// <summary>
/// One line before decoding: <see cref="Bytes"/> for text and truncated lines (valid until the reader moves on),
/// <see cref="Message"/> for failures.
/// </summary>
public readonly record struct RawStreamLine(StreamLineKind Kind, long Number, ReadOnlyMemory<byte> Bytes, string? Message, long ByteCount)
{
    public string Decode() => Message ?? System.Text.Encoding.UTF8.GetString(Bytes.Span);
}
