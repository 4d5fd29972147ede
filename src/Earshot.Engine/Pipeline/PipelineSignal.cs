using System.Threading.Channels;

namespace Earshot.Engine.Pipeline;

/// <summary>
/// Tells the runner which posts were just stored, so it starts on them at once instead of at its next sweep. Bounded:
/// when ingest outruns the stages, notices are dropped and the sweep (which reads the database) catches up, so
/// back-pressure never blocks a writer and never loses a post.
/// </summary>
public sealed class PipelineSignal
{
    private readonly Channel<Guid> _channel = Channel.CreateBounded<Guid>(new BoundedChannelOptions(50_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private int _dropped;

    public void Notify(IEnumerable<Guid> postIds)
    {
        foreach (var id in postIds)
        {
            if (!_channel.Writer.TryWrite(id))
                Interlocked.Exchange(ref _dropped, 1);
        }
    }

    public ChannelReader<Guid> Reader => _channel.Reader;

    /// <summary>True once since notices were last dropped: the runner should sweep the database.</summary>
    public bool TakeOverflow() => Interlocked.Exchange(ref _dropped, 0) == 1;
}
