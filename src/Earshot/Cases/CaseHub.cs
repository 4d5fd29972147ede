using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Earshot.Cases;

/// <summary>
/// Live case pages: who is viewing and who is replying (collision warnings), and a nudge when a case changes so
/// pages refresh. Each connection joins its workspaces' groups, so nobody hears about another brand's cases.
/// </summary>
[Authorize]
public sealed class CaseHub(PresenceTracker presence, AccessScope scope, IDbContextFactory<EarshotDbContext> contexts) : Hub
{
    public const string Path = "/hubs/cases";

    public static string WorkspaceGroup(Guid? workspaceId) => workspaceId is { } id ? "ws-" + id : "ws-all";

    public static string CaseGroup(Guid caseId) => "case-" + caseId;

    public override async Task OnConnectedAsync()
    {
        var workspaces = await scope.WorkspaceIdsAsync(Context.ConnectionAborted);
        if (workspaces is null)
            await Groups.AddToGroupAsync(Context.ConnectionId, WorkspaceGroup(null));
        else
            foreach (var id in workspaces)
                await Groups.AddToGroupAsync(Context.ConnectionId, WorkspaceGroup(id));
        await base.OnConnectedAsync();
    }

    /// <summary>The page has this case open.</summary>
    public async Task Watch(Guid caseId) => await AnnounceAsync(caseId, replying: false, join: true);

    /// <summary>The agent started (or stopped) writing a reply.</summary>
    public async Task Replying(Guid caseId, bool replying) => await AnnounceAsync(caseId, replying, join: false);

    public async Task Leave(Guid caseId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, CaseGroup(caseId));
        await Clients.Group(CaseGroup(caseId)).SendAsync("presence", caseId, presence.Remove(caseId, Context.ConnectionId));
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var caseId in presence.RemoveEverywhere(Context.ConnectionId))
            await Clients.Group(CaseGroup(caseId)).SendAsync("presence", caseId, presence.On(caseId));
        await base.OnDisconnectedAsync(exception);
    }

    private async Task AnnounceAsync(Guid caseId, bool replying, bool join)
    {
        await using var db = await contexts.CreateDbContextAsync(Context.ConnectionAborted);
        var workspaceId = await db.Cases.Where(c => c.Id == caseId).Select(c => (Guid?)c.WorkspaceId).FirstOrDefaultAsync(Context.ConnectionAborted);
        if (workspaceId is null || !await scope.AllowsAsync(workspaceId.Value, Context.ConnectionAborted))
            throw new HubException("no such case among yours");
        if (join)
            await Groups.AddToGroupAsync(Context.ConnectionId, CaseGroup(caseId));
        var userId = scope.UserId!.Value;
        var viewers = presence.Set(caseId, Context.ConnectionId, new PresenceTracker.Viewer(userId, scope.User.Identity?.Name ?? "?", replying));
        await Clients.Group(CaseGroup(caseId)).SendAsync("presence", caseId, viewers);
    }
}
