using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Connectors.Setup;
using Earshot.Core.Posts;
using Earshot.Core.Access;
using Earshot.Engine.Audit;
using Earshot.Engine.Workspaces;

namespace Earshot.Engine.Channels;

/// <summary>Configured channels: adding one (settings checked by its connector), listing them with health, removing.</summary>
public sealed partial class ChannelRegistry(
    IDbContextFactory<EarshotDbContext> contexts, WorkspaceDirectory directory, IEnumerable<IChannelConnector> connectors, SecretBox secrets,
    OutboundGuard guard, TimeProvider clock)
{
    /// <summary>The channel, or the problems by field (setting keys, or `name` / `kind`); secrets made up for it, to show once.</summary>
    public sealed record Added(Channel? Channel, IReadOnlyDictionary<string, Phrase> Errors)
    {
        /// <summary>The workspace already has a channel of this kind and name (removed ones keep theirs: their posts point at it).</summary>
        public bool Duplicate { get; init; }

        public IReadOnlyDictionary<string, string> Generated { get; init; } = new Dictionary<string, string>();
    }

    public sealed record Listed(Guid Id, string Workspace, ChannelKind Kind, string Name, bool Enabled, ChannelHealth Health, string? Warning)
    {
        /// <summary>Paused by a lead: listed, but its connector does not run.</summary>
        public bool Paused { get; init; }
    }

    public IReadOnlyCollection<ChannelKind> Kinds => connectors.Select(c => c.Kind).ToList();

    /// <summary>
    /// Adds a channel from settings as a person gives them (the CLI's options, the API's JSON, the page's form),
    /// prepared by the kind's <see cref="ChannelSetup"/> and then checked by its connector. A null name takes the
    /// kind's default name. The workspace is asked for only once the settings are good, so bad input creates nothing.
    /// A URL whose host resolves to a private address is refused unless <paramref name="allowPrivate"/> is given, in
    /// which case the host is allowed (and audited) once the channel is stored.
    /// </summary>
    public async Task<Added> AddAsync(Func<CancellationToken, Task<Guid>> workspace, ChannelKind kind, string? name,
        IReadOnlyDictionary<string, JsonElement> given, PrivateNetworkConsent? allowPrivate, CancellationToken cancellationToken)
    {
        var checkedSettings = await CheckAsync(kind, name, given, allowPrivate, cancellationToken);
        if (checkedSettings.Errors.Count > 0)
            return new Added(null, checkedSettings.Errors);
        var (setup, connector, prepared) = (checkedSettings.Setup!, checkedSettings.Connector!, checkedSettings.Prepared!);
        var added = await StoreAsync(await workspace(cancellationToken), kind, checkedSettings.Name!, prepared.ToJson(), setup.SecretKeys.Union(connector.SecretFields).ToList(), cancellationToken);
        if (added.Channel is not null)
            await AllowAsync(checkedSettings, allowPrivate, cancellationToken);
        return added with { Generated = prepared.Generated };
    }

    public Task<Added> AddAsync(string? workspace, ChannelKind kind, string? name, IReadOnlyDictionary<string, JsonElement> given,
        PrivateNetworkConsent? allowPrivate, CancellationToken cancellationToken) =>
        AddAsync(token => directory.GetOrCreateWorkspaceAsync(workspace, token), kind, name, given, allowPrivate, cancellationToken);

    // The hosts of the URLs a person gave (defaults are the networks' public APIs) that resolve to private addresses:
    // refused by field, or, with an admin's consent, returned to be allowed.
    private async Task<List<string>> PrivateHostsAsync(ChannelSetup setup, IReadOnlyDictionary<string, JsonElement> values,
        IReadOnlyDictionary<string, JsonElement> given, Dictionary<string, Phrase> errors, PrivateNetworkConsent? allowPrivate, CancellationToken cancellationToken)
    {
        var hosts = new List<string>();
        foreach (var setting in setup.Settings.Where(s => s.Type == SettingType.Url && IsGiven(given, s.Key)))
        {
            if (!values.TryGetValue(setting.Key, out var value) || !Uri.TryCreate(value.GetString(), UriKind.Absolute, out var url))
                continue;
            var host = OutboundGuard.HostOf(url);
            if (await guard.CheckAsync(host, cancellationToken) != OutboundGuard.Verdict.Private)
                continue;
            if (allowPrivate is null)
                errors[setting.Key] = PrivateNetworkConsent.Refused(host);
            else if (!hosts.Contains(host))
                hosts.Add(host);
        }
        return hosts;
    }

    public static Phrase UnknownKind(string kind) => new Phrase("no channel kind '{0}'; the kinds that can be added are {1}", kind, ChannelSetups.Known);

    /// <summary>Adds a channel from settings already in their stored shape (tests, the demo); the connector checks them.</summary>
    public async Task<Added> AddAsync(string? workspace, ChannelKind kind, string name, JsonElement settings, CancellationToken cancellationToken)
    {
        var connector = connectors.FirstOrDefault(c => c.Kind == kind);
        if (connector is null)
            return new Added(null, new Dictionary<string, Phrase> { ["kind"] = new Phrase("no connector for {0} yet; available: {1}", kind.WireName(), string.Join(", ", Kinds.Select(k => k.WireName()))) });
        var errors = connector.Validate(settings);
        if (errors.Count > 0)
            return new Added(null, errors);
        var workspaceId = await directory.GetOrCreateWorkspaceAsync(workspace, cancellationToken);
        return await StoreAsync(workspaceId, kind, name, settings, connector.SecretFields, cancellationToken);
    }

    private async Task<Added> StoreAsync(Guid workspaceId, ChannelKind kind, string name, JsonElement settings, IReadOnlyList<string> secretFields, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Channels.AnyAsync(c => c.WorkspaceId == workspaceId && c.Kind == kind && c.Name == name, cancellationToken))
            return new Added(null, new Dictionary<string, Phrase> { ["name"] = new Phrase("this workspace already has a {0} channel named '{1}'", kind.WireName(), name) }) { Duplicate = true };
        var channel = new Channel
        {
            WorkspaceId = workspaceId,
            Kind = kind,
            Name = name,
            SettingsJson = ProtectSecrets(settings, secretFields),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Enabled = true,
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync(cancellationToken);
        return new Added(channel, new Dictionary<string, Phrase>());
    }

    private static bool IsGiven(IReadOnlyDictionary<string, JsonElement> given, string key) =>
        given.TryGetValue(key, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
        && !(value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()));

    /// <summary>One enabled channel with its workspace's name, or null.</summary>
    public async Task<(Channel Channel, string Workspace)?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Channels.AsNoTracking().Where(c => c.Id == id && c.Enabled)
            .Select(c => new { Channel = c, Workspace = db.Workspaces.Where(w => w.Id == c.WorkspaceId).Select(w => w.Name).First() })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Channel, row.Workspace);
    }

    /// <summary>What a person may see of a channel's stored settings: every value but the secrets, and which secrets are set.</summary>
    public static (IReadOnlyDictionary<string, JsonElement> Settings, IReadOnlyList<string> SecretsSet) Shown(ChannelKind kind, string settingsJson)
    {
        var secretKeys = ChannelSetups.For(kind)?.SecretKeys ?? [];
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(settingsJson) ?? [];
        // A value stored protected is a secret even if the kind's definition forgot to say so.
        bool IsSecret(KeyValuePair<string, JsonElement> v) => secretKeys.Contains(v.Key)
            || (v.Value.ValueKind == JsonValueKind.String && v.Value.GetString()!.StartsWith(SecretBox.StoredPrefix, StringComparison.Ordinal));
        return (values.Where(v => !IsSecret(v)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal),
            values.Where(IsSecret).Select(v => v.Key).Order(StringComparer.Ordinal).ToList());
    }

    public async Task<IReadOnlyList<Listed>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Channels.AsNoTracking().Where(c => c.Enabled)
            .Select(c => new { c.Id, Workspace = db.Workspaces.Where(w => w.Id == c.WorkspaceId).Select(w => w.Name).First(), c.Kind, c.Name, c.Enabled, c.Paused, c.Health, c.SettingsJson })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // A paused channel is not expected to fetch, so it is not "stalled".
        return rows.Select(r => new Listed(r.Id, r.Workspace, r.Kind, r.Name, r.Enabled, r.Health, r.Paused ? null : r.Health.Warning(now, Interval(r.SettingsJson))) { Paused = r.Paused })
            .OrderBy(r => r.Workspace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Stops the connector; the channel's posts stay. Audited as done by <paramref name="actor"/>.</summary>
    public async Task<bool> RemoveAsync(string nameOrId, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = Guid.TryParse(nameOrId, out var parsed) ? parsed : Guid.Empty;
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Enabled && (c.Id == id || c.Name == nameOrId), cancellationToken);
        if (channel is null)
            return false;
        channel.Enabled = false;
        new AuditLog(contexts, clock).Add(db, AuditKinds.ChannelRemoved, actor, channel.WorkspaceId,
            new { channel_id = channel.Id, kind = channel.Kind.WireName(), name = channel.Name });
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

    /// <summary>How often the channel is expected to succeed, for its stalled warning.</summary>
    public static TimeSpan Interval(string settings)
    {
        using var json = JsonDocument.Parse(settings);
        return json.RootElement.TryGetProperty("interval_seconds", out var seconds) && seconds.TryGetInt32(out var value)
            ? TimeSpan.FromSeconds(value)
            : Connectors.Rss.RssConnector.DefaultInterval;
    }
}
