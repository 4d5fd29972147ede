using System.Text.Json;
using Earshot.Core.Posts;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Connectors.Push;

/// <summary>
/// Channels that receive webhook deliveries: finding the one a delivery is for, reading its secrets, and recording
/// deliveries in its health (push channels have no runs, so this is where "last post" comes from).
/// </summary>
public sealed class PushChannels(IDbContextFactory<EarshotDbContext> contexts, SecretBox secrets, TimeProvider clock)
{
    public sealed record Found(Guid Id, Guid WorkspaceId, ChannelKind Kind, string Name, JsonElement Settings)
    {
        public string? Setting(string field) =>
            Settings.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>The enabled, unpaused channel of this kind with this id or name; null when none or when the name is ambiguous.</summary>
    public async Task<Found?> FindAsync(ChannelKind kind, string nameOrId, CancellationToken cancellationToken)
    {
        var id = Guid.TryParse(nameOrId, out var parsed) ? parsed : Guid.Empty;
        var matches = (await ListAsync([kind], cancellationToken)).Where(c => c.Id == id || c.Name == nameOrId).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    public async Task<IReadOnlyList<Found>> ListAsync(IReadOnlyCollection<ChannelKind> kinds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A paused push channel refuses deliveries as an unknown one would; the network retries or drops them.
        var rows = await db.Channels.AsNoTracking().Where(c => c.Enabled && !c.Paused && kinds.Contains(c.Kind))
            .Select(c => new { c.Id, c.WorkspaceId, c.Kind, c.Name, c.SettingsJson }).ToListAsync(cancellationToken);
        return rows.Select(r => new Found(r.Id, r.WorkspaceId, r.Kind, r.Name, JsonDocument.Parse(r.SettingsJson).RootElement.Clone())).ToList();
    }

    /// <summary>A secret setting, decrypted; null when the channel has none.</summary>
    public string? Secret(Found channel, string field) => channel.Setting(field) is { } stored ? secrets.Unprotect(stored) : null;

    public async Task RecordDeliveryAsync(Guid channelId, int received, CancellationToken cancellationToken)
    {
        if (received == 0)
            return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null)
            return;
        // Not LastSuccessAt: that is a fetch, and a quiet webhook is not a stalled one.
        channel.Health.LastEventAt = clock.GetUtcNow().UtcDateTime;
        channel.Health.PostsReceived += received;
        await db.SaveChangesAsync(cancellationToken);
    }
}
