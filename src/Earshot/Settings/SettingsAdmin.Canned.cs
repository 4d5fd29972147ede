using Earshot.Core.Access;
using Earshot.Core.Cases;
using Earshot.Engine.Audit;

namespace Earshot.Settings;

public sealed partial class SettingsAdmin
{
    public const int MaxReplyLength = 10_000;

    /// <summary>A canned reply as it is written: its name and body, which may use the <see cref="ReplyTemplate"/> variables.</summary>
    public sealed record CannedSpec(string? Name, string? Body);

    public async Task<(Saved? Saved, Refusal? Refusal)> SaveCannedAsync(AuditActor actor, Guid workspaceId, CannedSpec spec, CancellationToken cancellationToken)
    {
        var name = spec.Name?.Trim();
        var reply = await db.CannedReplies.FirstOrDefaultAsync(r => r.WorkspaceId == workspaceId && r.Name == name, cancellationToken)
            ?? new CannedReply { WorkspaceId = workspaceId, Name = name ?? "", Body = "" };
        return await ApplyCannedAsync(actor, reply, spec, cancellationToken);
    }

    public async Task<(Saved? Saved, Refusal? Refusal)> UpdateCannedAsync(AuditActor actor, Guid id, CannedSpec spec, CancellationToken cancellationToken)
    {
        var reply = await db.CannedReplies.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return reply is null ? (null, NotFound(new Phrase("no canned reply with that id in your workspaces"))) : await ApplyCannedAsync(actor, reply, spec, cancellationToken);
    }

    public async Task<(Saved? Saved, Refusal? Refusal)> DeleteCannedAsync(AuditActor actor, Guid id, CancellationToken cancellationToken)
    {
        var reply = await db.CannedReplies.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (reply is null)
            return (null, NotFound(new Phrase("no canned reply with that id in your workspaces")));
        db.CannedReplies.Remove(reply);
        audit.Add(db, AuditKinds.CannedReplyDeleted, actor, reply.WorkspaceId, new { reply = reply.Name, reply_id = reply.Id });
        await db.SaveChangesAsync(cancellationToken);
        return (new Saved(reply.Id, reply.Name, reply.WorkspaceId), null);
    }

    private async Task<(Saved? Saved, Refusal? Refusal)> ApplyCannedAsync(AuditActor actor, CannedReply reply, CannedSpec spec, CancellationToken cancellationToken)
    {
        if (BadName(spec.Name, new Phrase("give the reply a name of 1 to 200 characters")) is { } badName)
            return (null, badName);
        if (string.IsNullOrWhiteSpace(spec.Body) || spec.Body.Length > MaxReplyLength)
            return (null, new Refusal("body", new Phrase("write the reply (at most 10,000 characters)")));
        if (ReplyTemplate.Unknown(spec.Body) is { Count: > 0 } unknown)
            return (null, new Refusal("body", new Phrase("unknown variable(s) {0}; known: {1}", string.Join(", ", unknown.Select(u => "{{" + u + "}}")), string.Join(", ", ReplyTemplate.Variables))));
        var name = spec.Name!.Trim();
        var created = db.Entry(reply).State == EntityState.Detached;
        if (await db.CannedReplies.AnyAsync(r => r.WorkspaceId == reply.WorkspaceId && r.Name == name && r.Id != reply.Id, cancellationToken))
            return (null, NameTaken(new Phrase("another canned reply in this workspace is already named '{0}'; choose another name or change that one", name)));
        var before = reply.Name;
        reply.Name = name;
        reply.Body = spec.Body;
        if (created)
            db.CannedReplies.Add(reply);
        audit.Add(db, AuditKinds.CannedReplySaved, actor, reply.WorkspaceId, new
        {
            reply = reply.Name, reply_id = reply.Id, renamed_from = created || before == reply.Name ? null : before, created, length = reply.Body.Length,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (new Saved(reply.Id, reply.Name, reply.WorkspaceId), null);
    }
}
