using System.Runtime.CompilerServices;

namespace Earshot.Connectors.Shared;

public enum NdjsonFrameKind
{
    /// <summary>A non-blank line: one JSON document (not yet validated).</summary>
    Document,
    /// <summary>A blank line: the server's keep-alive.</summary>
    KeepAlive,
    /// <summary>An oversized line, a cut-off last line or a failed stream; <see cref="NdjsonFrame.Text"/> says which.</summary>
    Error,
}

public readonly record struct NdjsonFrame(NdjsonFrameKind Kind, long Line, string Text, StreamLineKind LineKind);

/// <summary>Frames newline-delimited JSON (X filtered stream: CRLF after each object, bare CRLF keep-alives).</summary>
public static class NdjsonFramer
{
    public static async IAsyncEnumerable<NdjsonFrame> ReadAsync(
        Stream stream, int maxLineBytes = LineReader.DefaultMaxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var line in LineReader.ReadLinesAsync(stream, maxLineBytes, cancellationToken).ConfigureAwait(false))
        {
            yield return line.Kind switch
            {
                StreamLineKind.Text when string.IsNullOrWhiteSpace(line.Text) => new NdjsonFrame(NdjsonFrameKind.KeepAlive, line.Number, "", line.Kind),
                StreamLineKind.Text => new NdjsonFrame(NdjsonFrameKind.Document, line.Number, line.Text, line.Kind),
                StreamLineKind.Truncated => new NdjsonFrame(NdjsonFrameKind.Error, line.Number, $"stream ended in the middle of line {line.Number} ({line.ByteCount} bytes without a line end)", line.Kind),
                StreamLineKind.TransportError => new NdjsonFrame(NdjsonFrameKind.Error, line.Number, $"stream failed: {line.Text}", line.Kind),
                _ => new NdjsonFrame(NdjsonFrameKind.Error, line.Number, line.Text, line.Kind),
            };
        }
    }
}
