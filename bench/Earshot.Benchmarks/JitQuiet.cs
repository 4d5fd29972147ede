using System.Runtime;

namespace Earshot.Benchmarks;

/// <summary>
/// Waits until the runtime has stopped compiling methods. Code that ran hot before a measurement (EF Core's model
/// and migrations, just before a run on a fresh database) is recompiled at full optimisation on a background thread
/// once the process goes quiet; measured straight away, that backlog ran on the measurement's time: a `perf` profile
/// of bench `stream-ingest` put 2,600 methods and 10 µs of CPU per Mastodon post on the tiered-compilation thread.
/// A running server pays it once, at start.
/// </summary>
internal static class JitQuiet
{
    public static async Task WaitAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var compiled = JitInfo.GetCompiledMethodCount();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            if (now == compiled)
                return;
            compiled = now;
        }
    }
}
