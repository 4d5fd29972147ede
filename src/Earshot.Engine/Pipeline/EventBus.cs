using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Earshot.Core.Events;

namespace Earshot.Engine.Pipeline;

/// <summary>
/// In-process publish/subscribe for live pages. Each subscriber has its own bounded buffer that drops its oldest
/// events when it falls behind, so a slow browser never slows ingestion. A broker can replace this class later.
/// </summary>
public sealed class EventBus
{
    private readonly ConcurrentDictionary<Guid, Channel<EarshotEvent>> _subscribers = new();

    /// <summary>Called synchronously on every publish: for cheap in-process reactions such as cache invalidation.</summary>
    public event Action<EarshotEvent>? Published;

    public void Publish(EarshotEvent @event)
    {
        Published?.Invoke(@event);
        foreach (var subscriber in _subscribers.Values)
            subscriber.Writer.TryWrite(@event);
    }

    public async IAsyncEnumerable<EarshotEvent> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<EarshotEvent>(new BoundedChannelOptions(1_000)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _subscribers[id] = channel;
        try
        {
            await foreach (var @event in channel.Reader.ReadAllAsync(cancellationToken))
                yield return @event;
        }
        finally
        {
            _subscribers.TryRemove(id, out _);
        }
    }

    public int SubscriberCount => _subscribers.Count;
}
