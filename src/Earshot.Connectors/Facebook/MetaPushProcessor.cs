using Earshot.Connectors.Push;
using Earshot.Core.Posts;
using Earshot.Storage.Ingest;
using Microsoft.Extensions.Logging;

namespace Earshot.Connectors.Facebook;

/// <summary>
/// Applies one stored Meta delivery: every entry to the channel of its Page or Instagram account, every change in
/// order. Safe to run twice on the same delivery: posts are stored idempotently and hiding is a state, not a toggle.
/// </summary>
public sealed partial class MetaPushProcessor(PushChannels channels, IChannelIngest ingest, ILogger<MetaPushProcessor> logger)
{
    public const string Source = "meta";

    /// <summary>Returns how many posts were stored or edited.</summary>
    public async Task<int> ProcessAsync(string body, CancellationToken cancellationToken)
    {
        var entries = MetaPushMapper.Map(body);
        var configured = await channels.ListAsync([ChannelKind.Facebook, ChannelKind.Instagram], cancellationToken);
        var stored = 0;
        foreach (var entry in entries)
        {
            var channel = configured.FirstOrDefault(c => c.Kind == entry.Kind && MetaConnector.AccountOf(c) == entry.AccountId);
            if (channel is null)
            {
                LogUnknownAccount(logger, entry.Kind.WireName(), entry.AccountId, entry.Changes.Count);
                continue;
            }
            var received = 0;
            foreach (var change in entry.Changes)
                received += await ApplyAsync(channel, change, cancellationToken);
            await channels.RecordDeliveryAsync(channel.Id, received, cancellationToken);
            stored += received;
        }
        return stored;
    }

    private async Task<int> ApplyAsync(PushChannels.Found channel, MetaChange change, CancellationToken cancellationToken)
    {
        switch (change.Action)
        {
            case MetaAction.Upsert:
                var outcomes = await ingest.IngestToChannelAsync(channel.WorkspaceId, channel.Id, [change.Post!], cancellationToken);
                return outcomes.Count(o => o.Status != IngestStatus.Duplicate);
            case MetaAction.Remove or MetaAction.Hide:
                await ingest.MarkDeletedAsync(channel.Id, [change.ExternalId!], cancellationToken);
                return 0;
            case MetaAction.Unhide:
                await ingest.MarkRestoredAsync(channel.Id, [change.ExternalId!], cancellationToken);
                return 0;
            default:
                LogIgnored(logger, channel.Name, change.Reason ?? "");
                return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meta delivery for {Kind} account {AccountId} ({Changes} changes): no channel is configured for it; ignored")]
    private static partial void LogUnknownAccount(ILogger logger, string kind, string accountId, int changes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Channel {Channel}: change ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string channel, string reason);
}
