using Earshot.Engine.Pipeline;
using Microsoft.AspNetCore.SignalR;

namespace Earshot.Cases;

/// <summary>Forwards case events from the event bus to the live pages of the case's workspace.</summary>
public sealed class CaseEventsRelay(EventBus bus, IHubContext<CaseHub> hub) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var @event in bus.SubscribeAsync(stoppingToken))
            {
                if (!@event.Type.StartsWith("case.", StringComparison.Ordinal))
                    continue;
                var message = new { type = @event.Type, case_id = @event.SubjectId };
                await hub.Clients.Groups(CaseHub.WorkspaceGroup(@event.WorkspaceId), CaseHub.WorkspaceGroup(null))
                    .SendAsync("caseChanged", message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
