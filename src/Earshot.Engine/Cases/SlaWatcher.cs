using Earshot.Core.Cases;
using Earshot.Core.Events;
using Earshot.Engine.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Earshot.Engine.Cases;

/// <summary>
/// Raises each SLA breach once: a case whose nearest deadline has passed gets a <c>sla_breached</c> event, its
/// breach count goes up, and <c>case.breached</c> is published for the team lead (in-app, webhooks).
/// </summary>
public sealed partial class SlaWatcher(
    IDbContextFactory<EarshotDbContext> contexts, CaseSettings settings, EventBus bus, TimeProvider clock, ILogger<SlaWatcher> logger,
    SlaWatcherOptions options, Alerts.Delivery.DeliverySignal? deliveries = null) : BackgroundService
{
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
                LogCheckFailed(logger, error);
            }
            await Task.Delay(options.Interval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private const int Batch = 2_000;

    /// <summary>Only breaches this fresh are e-mailed and sent to webhooks.</summary>
    public static readonly TimeSpan AnnounceWithin = TimeSpan.FromHours(1);

    /// <summary>Records breaches due by now, a batch at a time until none is left; returns how many.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int found;
        do
        {
            found = await CheckBatchAsync(cancellationToken);
            total += found;
        }
        while (found == Batch);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await BoostNearDeadlinesAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return total;
    }

    private async Task<int> CheckBatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var notices = 0;
        var breached = await db.Cases
            .Where(c => c.DueAt != null && c.DueAt <= now && (c.BreachedDueAt == null || c.BreachedDueAt != c.DueAt)
                        && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed && c.Status != CaseStatus.PendingCustomer)
            .OrderBy(c => c.DueAt).Take(Batch).ToListAsync(cancellationToken);
        foreach (var @case in breached)
        {
            var policy = (await settings.ForAsync(@case.WorkspaceId, cancellationToken)).Policy;
            if (@case.RecordBreach(policy, now) is not { } which)
                continue;
            db.CaseEvents.Add(new CaseEvent
            {
                CaseId = @case.Id, Kind = CaseEventKinds.SlaBreached, At = now,
                DataJson = CaseJson.Of(new { target = which, due_at = @case.DueAt, team_id = @case.TeamId }),
            });
            // Breaches found late (an imported backlog, a server that was down) are recorded, not announced.
            if (now - @case.DueAt < AnnounceWithin)
                notices += await BreachNotices.EnqueueAsync(db, @case, which, now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (notices > 0)
            deliveries?.Notify();
        foreach (var @case in breached)
            bus.Publish(new EarshotEvent("case.breached", @case.WorkspaceId, @case.Id, now));
        return breached.Count;
    }

    /// <summary>The longest warning window a policy may set (see <see cref="CasePolicy.SlaWarningMinutes"/>).</summary>
    public static readonly TimeSpan LongestWarning = TimeSpan.FromHours(2);

    /// <summary>
    /// Raises cases whose deadline is near or missed by their policy's boost, baking it into the rank key so the
    /// queue stays a plain index scan. Runs with the breach check; a case is touched only when its boost changes.
    /// </summary>
    public async Task<int> BoostNearDeadlinesAsync(EarshotDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var soon = now + LongestWarning;
        // Deadlines still ahead and not yet boosted: a light read, then only the ones inside their warning window.
        var near = await db.Cases.Where(c => c.Queued && c.DueAt > now && c.DueAt <= soon && c.DeadlineBoost == 0)
            .Select(c => new { c.Id, c.WorkspaceId, c.DueAt }).ToListAsync(cancellationToken);
        var due = new List<Guid>();
        foreach (var candidate in near)
            if (QueueOrder.DeadlineBoost((await settings.ForAsync(candidate.WorkspaceId, cancellationToken)).Policy, candidate.DueAt, now) > 0)
                due.Add(candidate.Id);
        if (due.Count == 0)
            return 0;
        var cases = await db.Cases.Where(c => due.Contains(c.Id)).ToListAsync(cancellationToken);
        foreach (var @case in cases)
            @case.BoostDeadline((await settings.ForAsync(@case.WorkspaceId, cancellationToken)).Policy, now);
        await db.SaveChangesAsync(cancellationToken);
        return cases.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SLA check failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception error);
}

public sealed record SlaWatcherOptions
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);
}
