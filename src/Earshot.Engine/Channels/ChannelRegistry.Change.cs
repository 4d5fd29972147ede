using System.Text.Json;
using Earshot.Connectors;
using Earshot.Connectors.Setup;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Core.Access;
using Earshot.Core.Posts;
using Earshot.Engine.Audit;

namespace Earshot.Engine.Channels;

/// <summary>Changing a channel's name and settings, and pausing or resuming it; each audited.</summary>
public sealed partial class ChannelRegistry
{
    private sealed record Checked(
        ChannelSetup? Setup, IChannelConnector? Connector, PreparedSettings? Prepared, string? Name, IReadOnlyList<string> PrivateHosts,
        Dictionary<string, Phrase> Errors);

    /// <summary>What adding and changing share: the kind's setup prepares the settings, its connector checks them, URLs are checked.</summary>
    private async Task<Checked> CheckAsync(ChannelKind kind, string? name, IReadOnlyDictionary<string, JsonElement> given,
        PrivateNetworkConsent? allowPrivate, CancellationToken cancellationToken)
    {
        var connector = connectors.FirstOrDefault(c => c.Kind == kind);
        if (ChannelSetups.For(kind) is not { } setup || connector is null)
            return new Checked(null, null, null, null, [], new Dictionary<string, Phrase> { ["kind"] = UnknownKind(kind.WireName()) });
        var prepared = setup.Prepare(given);
        var errors = new Dictionary<string, Phrase>(prepared.Errors, StringComparer.Ordinal);
        // The connector knows best what a missing or wrong value should have been; a value of the wrong type is
        // reported as such, since the connector never saw it.
        foreach (var (field, message) in connector.Validate(prepared.ToJson()))
        {
            if (!errors.ContainsKey(field) || !IsGiven(given, field))
                errors[field] = message;
        }
        setup.CheckUrls(prepared.Values, errors);
        name ??= setup.DefaultName?.Invoke(prepared.Values);
        if (string.IsNullOrWhiteSpace(name))
            errors["name"] = new Phrase("a name is required for {0} channels", kind.WireName());
        else if (name.Length > 200)
            errors["name"] = new Phrase("a channel's name is at most 200 characters");
        if (errors.Count > 0)
            return new Checked(setup, connector, prepared, name, [], errors);
        var privateHosts = await PrivateHostsAsync(setup, prepared.Values, given, errors, allowPrivate, cancellationToken);
        return new Checked(setup, connector, prepared, name, privateHosts, errors);
    }

    private async Task AllowAsync(Checked done, PrivateNetworkConsent? allowPrivate, CancellationToken cancellationToken)
    {
        foreach (var host in done.PrivateHosts)
            await guard.AllowAsync(host, allowPrivate!.ActorId, allowPrivate.Via, cancellationToken);
    }

    public sealed record Changed(Channel? Channel, IReadOnlyDictionary<string, Phrase> Errors)
    {
        public bool NotFound { get; init; }
        public bool Duplicate { get; init; }
    }

    /// <summary>
    /// Changes a channel's name (null keeps it) and settings, checked as when adding. A setting left out keeps its
    /// value; one given blank takes its default, except a secret, which keeps its stored value (a form never shows
    /// one, so blank means "unchanged"). Changed
    /// settings restart the connector from scratch (the cursor belonged to the old ones); ingestion is idempotent.
    /// </summary>
    public async Task<Changed> ChangeAsync(Guid id, string? name, IReadOnlyDictionary<string, JsonElement> given,
        PrivateNetworkConsent? allowPrivate, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Id == id && c.Enabled, cancellationToken);
        if (channel is null)
            return new Changed(null, new Dictionary<string, Phrase>()) { NotFound = true };
        var secretKeys = (ChannelSetups.For(channel.Kind)?.SecretKeys ?? []).Union(connectors.FirstOrDefault(c => c.Kind == channel.Kind)?.SecretFields ?? []).ToList();
        var stored = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(channel.SettingsJson) ?? [];
        var merged = new Dictionary<string, JsonElement>(given, StringComparer.Ordinal);
        foreach (var (key, value) in stored)
        {
            if (secretKeys.Contains(key) && !IsGiven(given, key))
                merged[key] = value.ValueKind == JsonValueKind.String ? JsonSerializer.SerializeToElement(secrets.Unprotect(value.GetString()!)) : value;
            else if (!given.ContainsKey(key))
                merged[key] = value;
        }
        var done = await CheckAsync(channel.Kind, string.IsNullOrWhiteSpace(name) ? channel.Name : name.Trim(), merged, allowPrivate, cancellationToken);
        if (done.Errors.Count > 0)
            return new Changed(null, done.Errors);
        if (await db.Channels.AnyAsync(c => c.WorkspaceId == channel.WorkspaceId && c.Kind == channel.Kind && c.Name == done.Name && c.Id != id, cancellationToken))
            return new Changed(null, new Dictionary<string, Phrase> { ["name"] = new Phrase("this workspace already has a {0} channel named '{1}'", channel.Kind.WireName(), done.Name) }) { Duplicate = true };
        var settings = ProtectSecrets(done.Prepared!.ToJson(), secretKeys);
        var before = channel.Name;
        var settingsChanged = !SameSettings(channel.SettingsJson, settings, secretKeys, given);
        channel.Name = done.Name!;
        channel.SettingsJson = settings;
        if (settingsChanged)
            channel.Cursor = null;
        new AuditLog(contexts, clock).Add(db, AuditKinds.ChannelChanged, actor, channel.WorkspaceId, new
        {
            channel_id = channel.Id, kind = channel.Kind.WireName(), name = channel.Name, renamed_from = before == channel.Name ? null : before,
            settings = Shown(channel.Kind, settings).Settings, secrets_replaced = secretKeys.Where(k => IsGiven(given, k)).ToList(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await AllowAsync(done, allowPrivate, cancellationToken);
        return new Changed(channel, new Dictionary<string, Phrase>());
    }

    // Secrets are compared by whether new ones were given: their stored form differs at every encryption.
    private static bool SameSettings(string before, string after, IReadOnlyList<string> secretKeys, IReadOnlyDictionary<string, JsonElement> given)
    {
        if (secretKeys.Any(k => IsGiven(given, k)))
            return false;
        static string Plain(string json, IReadOnlyList<string> skip) => JsonSerializer.Serialize(
            (JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? []).Where(v => !skip.Contains(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal)
                .ToDictionary(v => v.Key, v => v.Value.GetRawText(), StringComparer.Ordinal));
        return Plain(before, secretKeys) == Plain(after, secretKeys);
    }

    /// <summary>Pauses or resumes a channel by name or id; null when there is none. Audited only when the state changes.</summary>
    public async Task<Channel?> SetPausedAsync(string nameOrId, bool paused, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = Guid.TryParse(nameOrId, out var parsed) ? parsed : Guid.Empty;
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Enabled && (c.Id == id || c.Name == nameOrId), cancellationToken);
        if (channel is null || channel.Paused == paused)
            return channel;
        channel.Paused = paused;
        new AuditLog(contexts, clock).Add(db, paused ? AuditKinds.ChannelPaused : AuditKinds.ChannelResumed, actor, channel.WorkspaceId,
            new { channel_id = channel.Id, kind = channel.Kind.WireName(), name = channel.Name });
        await db.SaveChangesAsync(cancellationToken);
        return channel;
    }
}
