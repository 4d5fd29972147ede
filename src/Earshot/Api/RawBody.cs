namespace Earshot.Api;

/// <summary>
/// Reads a webhook's body as the exact bytes sent, because signatures are computed over them, with a size bound
/// so an unauthenticated sender cannot make us buffer without limit.
/// </summary>
public static class RawBody
{
    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        // A chunked body has no declared length: stop reading as soon as it passes the limit.
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
