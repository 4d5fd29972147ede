using Earshot.Channels.Pipeline;
using Earshot.Core.Cases;
using Earshot.Core.Events;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Earshot.Channels.Cases;

/// <summary>
/// Raises each SLA breach once: a case whose nearest deadline has passed gets a <c>sla_breached</c> event, its
/// breach count goes up, and <c>case.breached</c> is published for the team lead (in-app, webhooks).
/// </summary>
public sealed partial class SlaWatcher(IDbContextFactory<EarshotDbContext> contexts, EventBus bus, TimeProvider clock, ILogger<SlaWatcher> logger) : BackgroundService
{
    public static TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogCheckFailed(logger, error.Message);
            }
            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Records breaches due by now; returns how many. Public so tests can run a check at a chosen moment.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var breached = await db.Cases
            .Where(c => c.DueAt != null && c.DueAt <= now && (c.BreachedDueAt == null || c.BreachedDueAt != c.DueAt)
                        && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed && c.Status != CaseStatus.PendingCustomer)
            .OrderBy(c => c.DueAt).Take(500).ToListAsync(cancellationToken);
        foreach (var @case in breached)
        {
            var which = @case.DueAt == @case.FirstResponseDueAt && @case.FirstRespondedAt is null ? "first_response"
                : @case.DueAt == @case.NextResponseDueAt ? "next_response" : "resolution";
            @case.BreachedDueAt = @case.DueAt;
            @case.Breaches++;
            db.CaseEvents.Add(new CaseEvent
            {
                CaseId = @case.Id, Kind = CaseEventKinds.SlaBreached, At = now,
                DataJson = CaseJson.Of(new { target = which, due_at = @case.DueAt, team_id = @case.TeamId }),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var @case in breached)
            bus.Publish(new EarshotEvent("case.breached", @case.WorkspaceId, @case.Id, now));
        return breached.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SLA check failed: {Error}")]
    private static partial void LogCheckFailed(ILogger logger, string error);
}
