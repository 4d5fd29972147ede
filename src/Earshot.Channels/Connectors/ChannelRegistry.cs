using System.Text.Json;
using Earshot.Channels.Workspaces;
using Earshot.Core.Posts;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Channels.Connectors;

/// <summary>Configured channels: adding one (settings checked by its connector), listing them with health, removing.</summary>
public sealed class ChannelRegistry(
    IDbContextFactory<EarshotDbContext> contexts, WorkspaceDirectory directory, IEnumerable<IChannelConnector> connectors, SecretBox secrets, TimeProvider clock)
{
    public sealed record Added(Channel? Channel, IReadOnlyDictionary<string, string> Errors);

    public sealed record Listed(Guid Id, string Workspace, ChannelKind Kind, string Name, bool Enabled, ChannelHealth Health, string? Warning);

    public IReadOnlyCollection<ChannelKind> Kinds => connectors.Select(c => c.Kind).ToList();

    public async Task<Added> AddAsync(string? workspace, ChannelKind kind, string name, JsonElement settings, CancellationToken cancellationToken)
    {
        var connector = connectors.FirstOrDefault(c => c.Kind == kind);
        if (connector is null)
            return new Added(null, new Dictionary<string, string> { ["kind"] = $"no connector for {kind.WireName()} yet; available: {string.Join(", ", Kinds.Select(k => k.WireName()))}" });
        var errors = connector.Validate(settings);
        if (errors.Count > 0)
            return new Added(null, errors);
        var workspaceId = await directory.GetOrCreateWorkspaceAsync(workspace, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Channels.AnyAsync(c => c.WorkspaceId == workspaceId && c.Kind == kind && c.Name == name, cancellationToken))
            return new Added(null, new Dictionary<string, string> { ["name"] = $"this workspace already has a {kind.WireName()} channel named '{name}'" });
        var channel = new Channel
        {
            WorkspaceId = workspaceId,
            Kind = kind,
            Name = name,
            SettingsJson = ProtectSecrets(settings, connector.SecretFields),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Enabled = true,
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync(cancellationToken);
        return new Added(channel, errors);
    }

    public async Task<IReadOnlyList<Listed>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Channels.AsNoTracking().Where(c => c.Enabled)
            .Select(c => new { c.Id, Workspace = db.Workspaces.Where(w => w.Id == c.WorkspaceId).Select(w => w.Name).First(), c.Kind, c.Name, c.Enabled, c.Health, c.SettingsJson })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return rows.Select(r => new Listed(r.Id, r.Workspace, r.Kind, r.Name, r.Enabled, r.Health, r.Health.Warning(now, Interval(r.SettingsJson))))
            .OrderBy(r => r.Workspace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Stops the connector; the channel's posts stay.</summary>
    public async Task<bool> RemoveAsync(string nameOrId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = Guid.TryParse(nameOrId, out var parsed) ? parsed : Guid.Empty;
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Enabled && (c.Id == id || c.Name == nameOrId), cancellationToken);
        if (channel is null)
            return false;
        channel.Enabled = false;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private string ProtectSecrets(JsonElement settings, IReadOnlyList<string> secretFields)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(settings.GetRawText())!;
        foreach (var field in secretFields)
        {
            if (values.TryGetValue(field, out var secret) && secret.ValueKind == JsonValueKind.String)
                values[field] = JsonSerializer.SerializeToElement(secrets.Protect(secret.GetString()!));
        }
        return JsonSerializer.Serialize(values);
    }

    private static TimeSpan Interval(string settings)
    {
        using var json = JsonDocument.Parse(settings);
        return json.RootElement.TryGetProperty("interval_seconds", out var seconds) && seconds.TryGetInt32(out var value)
            ? TimeSpan.FromSeconds(value)
            : Rss.RssConnector.DefaultInterval;
    }
}
