using Earshot.Connectors;
using Earshot.Core.Alerts.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Earshot.Engine.Alerts.Delivery;

/// <summary>
/// Sends due deliveries from the stored queue. Each one is claimed first (its next attempt moved a lease ahead, only
/// if still due), so two processes never send the same delivery; the outcome is stored before the next is taken,
/// and a failure schedules a retry (doubling delays) or, after the last attempt, leaves a dead letter.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IDbContextFactory<EarshotDbContext> contexts,
    WebhookSender webhooks,
    EmailSender email,
    SecretBox secrets,
    DeliverySignal signal,
    DeliveryOptions options,
    TimeProvider clock,
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.PollInterval;
            try
            {
                wait = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                LogFailed(logger, error);
            }
            await signal.WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>Sends what is due; returns how long until the next retry is due (at most the poll interval).</summary>
    public async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        await SendWebhooksAsync(cancellationToken);
        await SendEmailsAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var next = await db.WebhookDeliveries.Where(d => d.Status == DeliveryStatus.Pending).Select(d => (DateTime?)d.NextAttemptAt).MinAsync(cancellationToken);
        var nextMail = await db.EmailDeliveries.Where(d => d.Status == DeliveryStatus.Pending).Select(d => (DateTime?)d.NextAttemptAt).MinAsync(cancellationToken);
        var soonest = new[] { next, nextMail }.Where(t => t is not null).Min();
        var now = clock.GetUtcNow().UtcDateTime;
        return soonest is { } due ? TimeSpan.FromTicks(Math.Clamp((due - now).Ticks, 0, options.PollInterval.Ticks)) : options.PollInterval;
    }

    private async Task SendWebhooksAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var due = await (from d in db.WebhookDeliveries
                             join w in db.Webhooks on d.WebhookId equals w.Id
                             where d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now
                             orderby d.NextAttemptAt
                             select new { d.Id, d.EventType, d.Body, d.Attempts, w.Url, w.SecretProtected })
                .Take(BatchSize).ToListAsync(cancellationToken);
            if (due.Count == 0)
                return;
            var claimed = 0;
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (d, token) =>
            {
                if (!await ClaimWebhookAsync(d.Id, now, token))
                    return;
                Interlocked.Increment(ref claimed);
                var outcome = await webhooks.SendAsync(d.Id, d.EventType, d.Url, secrets.Unprotect(d.SecretProtected), d.Body, token);
                await RecordAsync(d.Id, d.Attempts + 1, outcome, token);
            });
            if (claimed == 0)
                return;
        }
    }

    private async Task<bool> ClaimWebhookAsync(Guid id, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var leaseEnd = now + options.Lease;
        return await db.WebhookDeliveries.Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, leaseEnd), cancellationToken) == 1;
    }

    private async Task<bool> ClaimEmailAsync(Guid id, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var leaseEnd = now + options.Lease;
        return await db.EmailDeliveries.Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, leaseEnd), cancellationToken) == 1;
    }

    private async Task RecordAsync(Guid id, int attempts, WebhookSender.Outcome outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.FirstAsync(d => d.Id == id, cancellationToken);
        delivery.Attempts = attempts;
        delivery.LastStatusCode = outcome.StatusCode;
        if (outcome.Delivered)
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
        }
        else
        {
            delivery.LastError = Truncate(outcome.Error);
            Schedule(attempts, now, next => delivery.NextAttemptAt = next, () => delivery.Status = DeliveryStatus.Dead);
            LogWebhookFailed(logger, id, attempts, outcome.Error);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SendEmailsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<EmailDelivery> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await db.EmailDeliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt).Take(BatchSize).ToListAsync(cancellationToken);
        }
        var claimed = new List<EmailDelivery>();
        foreach (var delivery in due)
        {
            if (await ClaimEmailAsync(delivery.Id, now, cancellationToken))
                claimed.Add(delivery);
        }
        if (claimed.Count == 0)
            return;
        var results = await email.SendAsync(claimed.Select(d => new EmailSender.Mail(d.Id, d.Recipients, d.Subject, d.TextBody)).ToList(), cancellationToken);
        var finished = clock.GetUtcNow().UtcDateTime;
        await using var save = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var delivery in claimed)
        {
            save.EmailDeliveries.Attach(delivery);
            delivery.Attempts++;
            if (results.GetValueOrDefault(delivery.Id) is { } error)
            {
                delivery.LastError = Truncate(error);
                Schedule(delivery.Attempts, finished, next => delivery.NextAttemptAt = next, () => delivery.Status = DeliveryStatus.Dead);
                LogEmailFailed(logger, delivery.Id, delivery.Attempts, error);
            }
            else
            {
                delivery.Status = DeliveryStatus.Delivered;
                delivery.DeliveredAt = finished;
            }
        }
        await save.SaveChangesAsync(cancellationToken);
    }

    private void Schedule(int attempts, DateTime now, Action<DateTime> retryAt, Action dead)
    {
        if (options.NextAttempt(attempts, now) is { } next)
            retryAt(next);
        else
            dead();
    }

    private static string? Truncate(string? text) => text is { Length: > 1000 } ? text[..999] + "…" : text;

    [LoggerMessage(Level = LogLevel.Error, Message = "The delivery dispatcher failed; it will try again")]
    private static partial void LogFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} failed (attempt {Attempts}): {Error}")]
    private static partial void LogWebhookFailed(ILogger logger, Guid deliveryId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert e-mail {DeliveryId} failed (attempt {Attempts}): {Error}")]
    private static partial void LogEmailFailed(ILogger logger, Guid deliveryId, int attempts, string? error);
}
