using System.Text.Json;
using System.Threading.Channels;
using Earshot.Core.Posts;

namespace Earshot.Connectors.X;

public sealed partial class XConnector
{
    /// <summary>
    /// Reads one stream connection. Posts are stored in batches of what has already arrived, so a busy stream is
    /// not one transaction per post and a quiet one waits for nothing. Returns whether anything arrived: a healthy
    /// connection that then drops or stalls ends the run normally (cursor saved, reconnect soon); one that never
    /// delivered is a network failure with back-off.
    /// </summary>
    private async Task<bool> StreamAsync(XRun run, IReadOnlyList<XDesiredRule> desired, CancellationToken cancellationToken)
    {
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stalled.CancelAfter(run.Settings.Stall);
        using var stream = await run.Client.GetAsync($"{run.Settings.BaseUrl}/2/tweets/search/stream?{Fields}", HttpCompletionOption.ResponseHeadersRead, stalled.Token);
        await XHttp.ThrowOnFailureAsync(stream, run.Context.ConsecutiveFailures, cancellationToken);
        // The stream is open before the gap is filled, so a post made in between comes by one or the other.
        await BackfillAsync(run, desired, cancellationToken);
        stalled.CancelAfter(run.Settings.Stall);
        await using var body = await stream.Content.ReadAsStreamAsync(stalled.Token);

        var items = System.Threading.Channels.Channel.CreateBounded<XStreamItem>(new BoundedChannelOptions(4 * _options.MaxBatch) { SingleReader = true, SingleWriter = true });
        var reader = ReadAsync(body, items.Writer, run.Settings.Stall, stalled);
        var healthy = false;
        try
        {
            var batch = new List<IncomingPost>();
            while (await items.Reader.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                var disconnect = await FillBatchAsync(items.Reader, batch, cancellationToken);
                healthy = true;
                if (batch.Count > 0)
                {
                    run.Received += Stored(await run.Context.IngestAsync(batch.ToList(), cancellationToken));
                    // Only what is stored moves the cursor: a drop before this line is filled again by recent search.
                    run.Cursor = run.Cursor with
                    {
                        Reads = run.Cursor.Reads + batch.Count,
                        SinceId = batch.Aggregate(run.Cursor.SinceId, (newest, p) => Newest(newest, p.ExternalId)),
                    };
                }
                if (disconnect)
                    break;
                if (_clock.GetElapsedTime(run.LastRuleSync) >= _options.RuleSyncInterval)
                    desired = await SyncRulesAsync(run, cancellationToken);
            }
        }
        catch (Exception error) when (error is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // Dropped mid-stream (possibly mid-post): what was stored stays stored, recent search fills the rest.
        }
        finally
        {
            await stalled.CancelAsync();
            await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        return healthy;
    }

    /// <summary>Takes what has arrived, waiting up to the batch window for more; true when X announced a disconnect.</summary>
    private async Task<bool> FillBatchAsync(ChannelReader<XStreamItem> reader, List<IncomingPost> batch, CancellationToken cancellationToken)
    {
        var started = _clock.GetTimestamp();
        while (true)
        {
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var item))
            {
                if (item.Kind == XStreamItemKind.OperationalDisconnect)
                    return true;
                if (item.Post is { } post)
                    batch.Add(post);
            }
            var left = _options.BatchWindow - _clock.GetElapsedTime(started);
            if (batch.Count >= _options.MaxBatch || left <= TimeSpan.Zero)
                return false;
            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            window.CancelAfter(left);
            try
            {
                if (!await reader.WaitToReadAsync(window.Token))
                    return false;
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return false; // the window closed, or the connection broke: store what came; the caller sees the break next
            }
        }
    }

    /// <summary>Moves stream items into the channel; a stall (nothing for the stall time) or EOF completes it, a broken connection faults it.</summary>
    private static async Task ReadAsync(Stream body, ChannelWriter<XStreamItem> writer, TimeSpan stall, CancellationTokenSource stalled)
    {
        try
        {
            await foreach (var item in XStreamReader.ReadAsync(body, new XStreamOptions(), stalled.Token))
            {
                stalled.CancelAfter(stall); // a keep-alive counts: X sends one every 20 s
                await writer.WriteAsync(item, stalled.Token);
            }
            writer.TryComplete();
        }
        catch (OperationCanceledException)
        {
            writer.TryComplete(); // stalled, or the run is over: reconnect, recent search fills what the stall hid
        }
        catch (Exception error)
        {
            writer.TryComplete(error);
        }
    }

    /// <summary>Posts between two ids that recent search has not returned yet (a gap deeper than the page budget).</summary>
    private sealed record XGap(string Since, string Until);

    /// <summary>Where to resume (the newest stored post id), how many posts were read (for the cost), which rules X refused.</summary>
    private sealed record XCursor(string? SinceId, long Reads, IReadOnlyList<XRejectedRule> Rejected)
    {
        public IReadOnlyList<XGap> Gaps { get; init; } = [];

        public static XCursor Parse(string? text)
        {
            if (string.IsNullOrEmpty(text))
                return new(null, 0, []);
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            return new(root.TryGetProperty("since_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
                root.TryGetProperty("reads", out var reads) ? reads.GetInt64() : 0,
                XRejections.Read(text))
            {
                Gaps = root.TryGetProperty("gaps", out var gaps) && gaps.ValueKind == JsonValueKind.Array
                    ? gaps.EnumerateArray().Select(g => new XGap(g.GetProperty("since").GetString()!, g.GetProperty("until").GetString()!)).ToList()
                    : [],
            };
        }

        public override string ToString() => JsonSerializer.Serialize(new
        {
            since_id = SinceId, reads = Reads, gaps = Gaps.Select(g => new { since = g.Since, until = g.Until }),
            rules_rejected = Rejected.Select(r => new { tag = r.Tag, value = r.Value, message = r.Message }),
        });
    }
}

/// <summary>The rules X refused at the last sync, as the channel's cursor records them (for <c>earshot channels x-rules</c> and the pages).</summary>
public static class XRejections
{
    public static IReadOnlyList<XRejectedRule> Read(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
            return [];
        using var json = JsonDocument.Parse(cursor);
        return json.RootElement.TryGetProperty("rules_rejected", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(r => new XRejectedRule(r.GetProperty("tag").GetString() ?? "", r.GetProperty("value").GetString() ?? "", r.GetProperty("message").GetString() ?? "")).ToList()
            : [];
    }
}

/// <summary>Recent search takes one query: the rules are packed as (a) OR (b) … up to the query length the tier allows.</summary>
public static class XSearchQueries
{
    public static IReadOnlyList<string> Pack(IEnumerable<string> rules, int maxLength)
    {
        var queries = new List<string>();
        var current = new List<string>();
        foreach (var rule in rules)
        {
            if (current.Count > 0 && Join([.. current, rule]).Length > maxLength)
            {
                queries.Add(Join(current));
                current.Clear();
            }
            current.Add(rule);
        }
        if (current.Count > 0)
            queries.Add(Join(current));
        return queries;

        static string Join(List<string> group) => group.Count == 1 ? group[0] : string.Join(" OR ", group.Select(r => "(" + r + ")"));
    }
}
