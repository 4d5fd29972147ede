using System.Text.Json;
using System.Text.Json.Nodes;
using Earshot.Core.Access;

namespace Earshot.Engine.Audit;

/// <summary>
/// Writes audit events: who changed access, settings or channels, and every sign-in. Used by the API, the pages and
/// the CLI alike (the CLI runs without the web host, so this needs only a database and a clock). Append-only; read
/// by <c>GET /api/audit</c>, the /audit page and <c>earshot audit</c>.
/// </summary>
public sealed class AuditLog(IDbContextFactory<EarshotDbContext> contexts, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Adds the event to <paramref name="db"/>, so the caller's SaveChanges writes it with the change it records.</summary>
    public AuditEvent Add(EarshotDbContext db, string kind, AuditActor actor, Guid? workspaceId, object data)
    {
        var row = Event(kind, actor, workspaceId, data);
        db.AuditEvents.Add(row);
        return row;
    }

    /// <summary>Writes the event on its own, for changes already saved by code that does not share its context.</summary>
    public async Task WriteAsync(string kind, AuditActor actor, Guid? workspaceId, object data, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Add(db, kind, actor, workspaceId, data);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A URL's scheme, host and port only: webhook URLs often carry their credential in the path or query (Slack's do),
    /// and the audit log is no place for it.
    /// </summary>
    public static string Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "(not a URL)";

    private AuditEvent Event(string kind, AuditActor actor, Guid? workspaceId, object data)
    {
        var json = JsonSerializer.SerializeToNode(data, Json) as JsonObject ?? [];
        if (actor.CommandLine)
            json["actor"] = "cli";
        return new AuditEvent
        {
            Kind = kind, ActorId = actor.UserId, WorkspaceId = workspaceId, At = clock.GetUtcNow().UtcDateTime,
            DataJson = json.ToJsonString(),
        };
    }
}
