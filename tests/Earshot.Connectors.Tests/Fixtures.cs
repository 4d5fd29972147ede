using System.Text;
using Xunit;

namespace Earshot.Connectors.Tests;

/// <summary>
/// Finds the shared wire fixtures (../shared/fixtures beside the repository) by walking up from the test
/// binaries; a test whose fixture is absent is skipped with the reason instead of failing.
/// </summary>
internal static class Fixtures
{
    private static readonly Lazy<string?> Root = new(Locate);

    public static string PathOf(string network, string file)
    {
        if (Root.Value is null)
            Assert.Skip("Wire fixtures not found: expected a folder containing shared/fixtures above " + AppContext.BaseDirectory);
        var path = Path.Combine(Root.Value!, network, file);
        if (!File.Exists(path))
            Assert.Skip($"Fixture {network}/{file} is missing from {Root.Value}");
        return path;
    }

    public static string Text(string network, string file) => File.ReadAllText(PathOf(network, file), Encoding.UTF8);

    public static Stream Open(string network, string file) => File.OpenRead(PathOf(network, file));

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}

/// <summary>A stream that hands out at most a few bytes per read, to split lines and characters across reads.</summary>
internal sealed class TrickleStream(byte[] bytes, int chunk) : Stream
{
    private int _position;

    public static TrickleStream Of(string text, int chunk) => new(Encoding.UTF8.GetBytes(text), chunk);

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, chunk), bytes.Length - _position);
        Array.Copy(bytes, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => bytes.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Delivers some bytes, then fails like a reset connection.</summary>
internal sealed class FailingStream(byte[] before) : Stream
{
    private bool _sent;

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_sent)
            throw new IOException("connection reset by peer");
        _sent = true;
        Array.Copy(before, 0, buffer, offset, before.Length);
        return before.Length;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => 0; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal static class AsyncList
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
            list.Add(item);
        return list;
    }
}
