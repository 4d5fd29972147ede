using Earshot.Core.Wording;
using System.Text.Json;
using Earshot.Core.Posts;
using Earshot.Storage.Ingest;

namespace Earshot.Connectors;

/// <summary>
/// Listens to one kind of channel. The host calls <see cref="RunOnceAsync"/> for each configured channel of that
/// kind: a polling connector fetches once, a streaming one reads until the stream ends. The host stores the
/// returned cursor and health, schedules the next run, and backs off after failures, so a connector holds no state
/// between runs beyond what it returns.
/// </summary>
public interface IChannelConnector
{
    ChannelKind Kind { get; }

    /// <summary>Checks settings given on the command line or API; returns the problems, by field.</summary>
    IReadOnlyDictionary<string, Phrase> Validate(JsonElement settings);

    /// <summary>Settings that are credentials: encrypted before they are stored, never shown again.</summary>
    IReadOnlyList<string> SecretFields => [];

    /// <summary>
    /// Channels whose network pushes to us (webhooks): the host never runs them; their endpoint stores deliveries.
    /// </summary>
    bool IsPush => false;

    Task<ConnectorRun> RunOnceAsync(ConnectorContext context, CancellationToken cancellationToken);
}

/// <summary>What a run gets: its channel's settings and cursor, and the way to store what it received.</summary>
public sealed record ConnectorContext(
    Guid ChannelId,
    string ChannelName,
    JsonElement Settings,
    string? Cursor,
    Func<IReadOnlyList<IncomingPost>, CancellationToken, Task<IReadOnlyList<IngestOutcome>>> IngestAsync)
{
    /// <summary>Hides posts the network says were deleted (by external id); returns how many were found.</summary>
    public Func<IReadOnlyList<string>, CancellationToken, Task<int>>? DeleteAsync { get; init; }

    /// <summary>Failed runs in a row before this one, for connectors with a documented back-off schedule.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>
    /// The current topics of the channel's workspace, read afresh on each call: networks that filter on their side
    /// (X's stream rules) keep their filters in step with the topics.
    /// </summary>
    public Func<CancellationToken, Task<IReadOnlyList<Earshot.Core.Topics.Topic>>>? TopicsAsync { get; init; }

    /// <summary>
    /// The same storage as <see cref="IngestAsync"/>, for a stream that keeps one transaction open over several
    /// batches while posts keep coming (see Shared/StreamIngest). Set by the connector host.
    /// </summary>
    public Func<IStreamStorage>? OpenStreamStorage { get; init; }
}

/// <summary>One channel's storage for a stream: batches written into a transaction that commits when told.</summary>
public interface IStreamStorage : IAsyncDisposable
{
    /// <summary>Writes a batch into the open transaction (opening one if needed); it is kept only once committed.</summary>
    Task<IReadOnlyList<IngestOutcome>> WriteAsync(IReadOnlyList<IncomingPost> posts, CancellationToken cancellationToken);

    /// <summary>Commits what was written, if anything is open, and hands the new posts to the pipeline.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>What a run reports: where to resume, how much arrived, when to run next.</summary>
public sealed record ConnectorRun(string? Cursor, int Received, TimeSpan NextRunIn, string? RateLimit = null);

/// <summary>A failure the connector understands (bad status, unreadable payload); its message is shown as the channel's error.</summary>
public sealed class ConnectorException(string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
