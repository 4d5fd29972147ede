using Earshot.Engine.Pipeline;

namespace Earshot.Demo;

/// <summary>
/// While <c>earshot serve --demo</c> runs, a new customer post arrives every half minute or so, as on a live floor: the
/// Mentions stream, the inbox and the counts move. Off in tests, whose demo must hold still.
/// </summary>
public sealed partial class DemoTrickle(IngestService ingest, TimeProvider clock, DemoTrickle.Pace pace, ILogger<DemoTrickle> logger) : BackgroundService
{
    /// <summary>How long between posts: a random wait from <paramref name="Shortest"/> to <paramref name="Longest"/>.</summary>
    public sealed record Pace(TimeSpan Shortest, TimeSpan Longest)
    {
        public static Pace Live { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(45));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var random = new Random();
        using var lines = DemoWeek.LiveLines(random).GetEnumerator();
        while (!stoppingToken.IsCancellationRequested && lines.MoveNext())
        {
            var wait = pace.Shortest + (pace.Longest - pace.Shortest) * random.NextDouble();
            await Task.Delay(wait, clock, stoppingToken);
            var post = DemoWeek.Live(clock.GetUtcNow().UtcDateTime, random, lines.Current);
            try
            {
                await ingest.IngestAsync(DemoScript.Workspace, [post.ToIncoming()], stoppingToken);
            }
            catch (Exception problem) when (problem is not OperationCanceledException)
            {
                LogFailed(logger, problem);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo's live post could not be stored; the next one will try again")]
    private static partial void LogFailed(ILogger logger, Exception problem);
}
