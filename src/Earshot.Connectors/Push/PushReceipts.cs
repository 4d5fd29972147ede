using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Earshot.Core.Posts;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Connectors.Push;

/// <summary>
/// What networks push to us (inbound webhooks), kept between their endpoint and its processing: the endpoint stores
/// a verified delivery and answers at once; a worker processes pending deliveries from the stored bytes. A crash after the answer loses
/// nothing (the row is there at the next start), and a retried delivery stores nothing new (hash of its bytes).
/// </summary>
public sealed class PushReceipts(IDbContextFactory<EarshotDbContext> contexts, TimeProvider clock)
{
    private readonly System.Threading.Channels.Channel<bool> _arrived = System.Threading.Channels.Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Stores a delivery; false when the same bytes were stored before.</summary>
    public async Task<bool> StoreAsync(string source, byte[] body, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(body));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.InboundDeliveries.AnyAsync(d => d.Source == source && d.BodyHash == hash, cancellationToken))
            return false;
        db.InboundDeliveries.Add(new InboundDelivery
        {
            Source = source, BodyHash = hash, Body = Encoding.UTF8.GetString(body), ReceivedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same retry arrived twice at once and the other request stored it; anything else is a real failure.
            if (await IsStoredAsync(source, hash, cancellationToken))
                return false;
            throw;
        }
        _arrived.Writer.TryWrite(true);
        return true;
    }

    /// <summary>Waits until a delivery arrives in this process, or at most <paramref name="timeout"/> (deliveries stored by another node).</summary>
    public async Task WaitForDeliveryAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _arrived.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the sweep interval passed
        }
    }

    public async Task<IReadOnlyList<InboundDelivery>> PendingAsync(string source, int limit, int maxAttempts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.InboundDeliveries.AsNoTracking()
            .Where(d => d.Source == source && d.ProcessedAt == null && d.Attempts < maxAttempts)
            .OrderBy(d => d.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task CompleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.InboundDeliveries.Where(d => d.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.ProcessedAt, now).SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
    }

    public async Task FailAsync(Guid id, string error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var message = error.Length > 2000 ? error[..2000] : error;
        await db.InboundDeliveries.Where(d => d.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LastError, message).SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
    }

    private async Task<bool> IsStoredAsync(string source, string hash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.InboundDeliveries.AnyAsync(d => d.Source == source && d.BodyHash == hash, cancellationToken);
    }
}
