using System.Runtime.CompilerServices;
using System.Text.Json;
using Earshot.Connectors.Shared;
using Earshot.Core.Posts;

namespace Earshot.Connectors.X;

public enum XStreamItemKind
{
    Post,
    /// <summary>A bare CRLF, sent every 20 s; no data and no keep-alive for 20 s means reconnect.</summary>
    KeepAlive,
    /// <summary>The documented operational-disconnect object; the server closes the connection after it.</summary>
    OperationalDisconnect,
    /// <summary>Other problems reported inside the 200 stream.</summary>
    Problem,
    /// <summary>A line that is not a readable post (bad JSON, too long, cut off) or a failed connection.</summary>
    Error,
}

public sealed record XStreamItem(XStreamItemKind Kind, long Line)
{
    public IncomingPost? Post { get; init; }
    /// <summary>For an edited post, the id of the original it revises.</summary>
    public string? EditOf { get; init; }
    public IReadOnlyList<XMatchingRule> MatchingRules { get; init; } = [];
    public IReadOnlyList<XProblem> Problems { get; init; } = [];
    public ConnectorError? Error { get; init; }
}

public sealed record XStreamOptions
{
    /// <summary>Lines over this are refused (a post with expansions is a few KB; 1 MiB leaves ample room).</summary>
    public int MaxLineBytes { get; init; } = LineReader.DefaultMaxLineBytes;
    public XMapperOptions Mapper { get; init; } = XMapperOptions.Default;
}

/// <summary>Reads the v2 filtered stream body (GET /2/tweets/search/stream) into classified items; never throws for bad input.</summary>
public static class XStreamReader
{
    private const string Source = "x stream";

    public static async IAsyncEnumerable<XStreamItem> ReadAsync(
        Stream stream, XStreamOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new XStreamOptions();
        await foreach (var frame in NdjsonFramer.ReadAsync(stream, options.MaxLineBytes, cancellationToken).ConfigureAwait(false))
        {
            yield return frame.Kind switch
            {
                NdjsonFrameKind.KeepAlive => new XStreamItem(XStreamItemKind.KeepAlive, frame.Line),
                NdjsonFrameKind.Error => Failed(new ConnectorError(Source, frame.Text, frame.Line)),
                _ => Classify(frame.Text, frame.Line, options.Mapper),
            };
        }
    }

    /// <summary>Classifies one line of the stream.</summary>
    public static XStreamItem Classify(string line, long lineNumber, XMapperOptions? options = null)
    {
        if (!ConnectorJson.TryParse(Source, line, out var document, out var parseError, lineNumber))
            return Failed(parseError!);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Failed(new ConnectorError(Source, $"expected an object, found {root.ValueKind}", lineNumber));
            if (!ConnectorJson.TryBind<XEnvelope<XTweet>>(Source, root, XJson.Options, out var envelope, out var bindError, lineNumber))
                return Failed(bindError!);
            // A null in the list (as damaged payloads have) is no problem at all.
            IReadOnlyList<XProblem> problems = envelope.Errors?.OfType<XProblem>().ToList() ?? [];
            if (envelope.Data is null)
            {
                if (problems.Count == 0)
                    return Failed(new ConnectorError(Source, "object has neither data nor errors", lineNumber));
                var disconnect = problems.Any(p => XErrors.HasProblemPath(p.Type, "operational-disconnect"));
                return new XStreamItem(disconnect ? XStreamItemKind.OperationalDisconnect : XStreamItemKind.Problem, lineNumber) { Problems = problems };
            }
            if (!XMapper.TryMap(envelope.Data, envelope.Includes, root.GetProperty("data").GetRawText(), options, out var post, out var mapError))
                return Failed(mapError! with { Line = lineNumber });
            // The whole line is the raw payload: matching_rules and includes explain why we have the post.
            return new XStreamItem(XStreamItemKind.Post, lineNumber)
            {
                Post = post with { RawPayload = line },
                EditOf = XMapper.EditOf(envelope.Data),
                MatchingRules = envelope.MatchingRules ?? [],
                Problems = problems,
            };
        }

        XStreamItem Failed(ConnectorError error) => new(XStreamItemKind.Error, lineNumber) { Error = error };
    }

    private static XStreamItem Failed(ConnectorError error) => new(XStreamItemKind.Error, error.Line ?? 0) { Error = error };
}
