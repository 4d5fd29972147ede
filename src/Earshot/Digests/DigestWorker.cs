using Earshot.Core.Alerts.Delivery;
using Earshot.Core.Workspaces;
using Earshot.Engine.Alerts.Delivery;
using Microsoft.Extensions.Options;

namespace Earshot.Digests;

/// <summary>
/// Queues each opted-in lead's, analyst's and admin's weekly digest once it is due (Monday 08:00 on their clock) in
/// the e-mail outbox, where <see cref="DeliveryDispatcher"/> sends, retries and dead-letters it like an alert e-mail.
/// Safe on several nodes: a digest's outbox row has an id derived from (user, week) under a unique index, so however
/// many passes race, one row gets in and one mail leaves.
/// </summary>
public sealed partial class DigestWorker(
    IDbContextFactory<EarshotDbContext> contexts,
    DigestText text,
    DeliverySignal signal,
    IOptions<DigestOptions> options,
    TimeProvider clock,
    ILogger<DigestWorker> logger) : BackgroundService
{
    public const string EventType = "digest.weekly";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await QueueDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                LogFailed(logger, error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: queues every digest that is due and not yet queued; returns how many this pass queued.</summary>
    public async Task<int> QueueDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<User> readers;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            readers = await db.Users.AsNoTracking()
                .Where(u => u.WeeklyDigest && u.DeactivatedAt == null && (u.Role == Roles.Admin || u.Role == Roles.Lead || u.Role == Roles.Analyst))
                .ToListAsync(cancellationToken);
        }
        var queued = 0;
        foreach (var reader in readers)
        {
            var week = DigestWeek.Latest(now, reader.TimeZone);
            if (now - week.SendAt > options.Value.CatchUp)
                continue;
            if (await QueueAsync(reader, week, now, cancellationToken))
                queued++;
        }
        if (queued > 0)
            signal.Notify();
        return queued;
    }

    private async Task<bool> QueueAsync(User reader, DigestWeek week, DateTime now, CancellationToken cancellationToken)
    {
        var id = week.DeliveryId(reader.Id);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.EmailDeliveries.AnyAsync(d => d.EventId == id, cancellationToken))
            return false;
        HashSet<Guid>? workspaces = null;
        if (reader.Role != Roles.Admin)
        {
            workspaces = [.. await db.WorkspaceMembers.Where(m => m.UserId == reader.Id).Select(m => m.WorkspaceId).ToListAsync(cancellationToken)];
            if (workspaces.Count == 0)
                return false;
        }
        if (await Digest.BuildAsync(db, week, workspaces, now, cancellationToken) is not { } digest)
            return false;
        var (subject, body) = text.Render(digest, reader.Language);
        db.EmailDeliveries.Add(new EmailDelivery
        {
            Id = id, EventId = id, EventType = EventType, Recipients = reader.Email, Subject = subject, TextBody = body,
            Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node (or pass) queued the same digest between the check and the insert: the unique index kept
            // theirs, which is the one that goes out. Anything else is a real failure.
            if (await QueuedAsync(id, cancellationToken))
                return false;
            throw;
        }
    }

    private async Task<bool> QueuedAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EmailDeliveries.AnyAsync(d => d.EventId == id, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Queuing weekly digests failed; the next pass tries again")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
