using Earshot.Connectors;
using Earshot.Connectors.Shared.Outbound;
using Earshot.Core.Alerts;
using Earshot.Core.Alerts.Delivery;
using Earshot.Core.Access;
using Earshot.Engine.Audit;
using Earshot.Engine.Workspaces;

namespace Earshot.Engine.Alerts.Delivery;

/// <summary>Adding, listing and removing webhooks: the one code path behind `earshot webhooks` and the API.</summary>
public sealed class WebhookRegistry(
    IDbContextFactory<EarshotDbContext> contexts, WorkspaceDirectory directory, SecretBox secrets, OutboundGuard guard, TimeProvider clock)
{
    public sealed record Added(Webhook? Webhook, IReadOnlyDictionary<string, Phrase> Errors);

    public sealed record Listed(Guid Id, string Workspace, string Url, string Events, string? Team, string Format, int Pending, int Dead, DateTime CreatedAt);

    public static readonly string DefaultEvents = string.Join(',', AlertEventTypes.Opened, AlertEventTypes.Updated, AlertEventTypes.Closed);

    public Task<Added> AddAsync(
        string? workspace, string? url, string? secret, string? events, string? team, string? format, CancellationToken cancellationToken) =>
        AddAsync(workspace, url, secret, events, team, format, null, cancellationToken);

    /// <summary>
    /// A URL whose host resolves to a private address is refused unless <paramref name="allowPrivate"/> is given; then
    /// the host is allowed (and audited) once the webhook is stored.
    /// </summary>
    public async Task<Added> AddAsync(string? workspace, string? url, string? secret, string? events, string? team, string? format,
        PrivateNetworkConsent? allowPrivate, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, Phrase>();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            errors["url"] = new Phrase("an absolute http:// or https:// address is required");
        if (string.IsNullOrWhiteSpace(secret) || secret.Length < 16)
            errors["secret"] = new Phrase("a secret of at least 16 characters is required (receivers verify signatures with it)");
        var eventList = (string.IsNullOrWhiteSpace(events) ? DefaultEvents : events)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var unknown = eventList.FirstOrDefault(e => !AlertEventTypes.Deliverable.Contains(e, StringComparer.Ordinal));
        if (eventList.Count == 0 || unknown is not null)
            errors["events"] = new Phrase("unknown event '{0}'; choose from {1}", unknown, string.Join(", ", AlertEventTypes.Deliverable));
        var parsedFormat = WebhookFormat.Generic;
        if (!string.IsNullOrWhiteSpace(format) && !Enum.TryParse(format, ignoreCase: true, out parsedFormat))
            errors["format"] = new Phrase("format is generic, slack or teams");
        if (errors.Count > 0)
            return new Added(null, errors);
        var host = OutboundGuard.HostOf(uri!);
        var isPrivate = await guard.CheckAsync(host, cancellationToken) == OutboundGuard.Verdict.Private;
        if (isPrivate && allowPrivate is null)
            return new Added(null, new Dictionary<string, Phrase> { ["url"] = PrivateNetworkConsent.Refused(host) });

        var workspaceId = await directory.GetOrCreateWorkspaceAsync(workspace, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Guid? teamId = null;
        if (!string.IsNullOrWhiteSpace(team))
        {
            teamId = await db.Teams.Where(t => t.WorkspaceId == workspaceId && t.Name == team.Trim()).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
            if (teamId is null)
                return new Added(null, new Dictionary<string, Phrase> { ["team"] = new Phrase("no team named '{0}' in this workspace", team) });
        }
        var webhook = new Webhook
        {
            WorkspaceId = workspaceId, Url = uri!.ToString(), SecretProtected = secrets.Protect(secret!), Events = string.Join(',', eventList),
            TeamId = teamId, Format = parsedFormat, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        if (isPrivate)
            await guard.AllowAsync(host, allowPrivate!.ActorId, allowPrivate.Via, cancellationToken);
        return new Added(webhook, errors);
    }

    public async Task<IReadOnlyList<Listed>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Webhooks.AsNoTracking().Select(w => new Listed(
            w.Id,
            db.Workspaces.Where(s => s.Id == w.WorkspaceId).Select(s => s.Name).First(),
            w.Url, w.Events,
            db.Teams.Where(t => t.Id == w.TeamId).Select(t => t.Name).FirstOrDefault(),
            w.Format.ToString().ToLower(),
            db.WebhookDeliveries.Count(d => d.WebhookId == w.Id && d.Status == DeliveryStatus.Pending),
            db.WebhookDeliveries.Count(d => d.WebhookId == w.Id && d.Status == DeliveryStatus.Dead),
            w.CreatedAt)).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.CreatedAt).ToList();
    }

    /// <summary>Removes a webhook (by id or URL) and its queued and dead deliveries.</summary>
    /// <summary>Removes the webhook(s) and their queued deliveries; audited as done by <paramref name="actor"/>.</summary>
    public async Task<int> RemoveAsync(string idOrUrl, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var webhooks = Guid.TryParse(idOrUrl, out var id)
            ? db.Webhooks.Where(w => w.Id == id)
            : db.Webhooks.Where(w => w.Url == idOrUrl || w.Url == idOrUrl + "/");
        var found = await webhooks.Select(w => new { w.Id, w.Url, w.WorkspaceId }).ToListAsync(cancellationToken);
        var ids = found.Select(w => w.Id).ToList();
        await db.WebhookDeliveries.Where(d => ids.Contains(d.WebhookId)).ExecuteDeleteAsync(cancellationToken);
        var removed = await db.Webhooks.Where(w => ids.Contains(w.Id)).ExecuteDeleteAsync(cancellationToken);
        var audit = new AuditLog(contexts, clock);
        foreach (var webhook in found)
            audit.Add(db, AuditKinds.WebhookRemoved, actor, webhook.WorkspaceId, new { webhook_id = webhook.Id, url = AuditLog.Origin(webhook.Url) });
        await db.SaveChangesAsync(cancellationToken);
        return removed;
    }
}
