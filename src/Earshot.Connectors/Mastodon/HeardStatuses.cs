namespace Earshot.Connectors.Mastodon;

/// <summary>
/// A streamed delete names the status by its id on our server, while posts are stored under the status's uri (the
/// same post arrives from several servers). The statuses a channel has heard since the server started are
/// remembered, so a delete soon after the post, the usual case, finds it; one for a status heard before a restart is
/// not matched. Bounded: the oldest half is forgotten when full. One reader at a time (the channel's run).
/// </summary>
internal sealed class HeardStatuses
{
    private const int Limit = 100_000;

    private readonly Dictionary<string, string> _uriById = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Remember(string statusId, string uri)
    {
        if (!_uriById.TryAdd(statusId, uri))
            return;
        _order.Enqueue(statusId);
        if (_order.Count <= Limit)
            return;
        while (_order.Count > Limit / 2)
            _uriById.Remove(_order.Dequeue());
    }

    public string? UriOf(string statusId) => _uriById.GetValueOrDefault(statusId);
}
