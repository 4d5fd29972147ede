using Earshot.Channels.Connectors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Earshot.Api;

/// <summary>`/api/channels`: configured channels and their health.</summary>
public static class ChannelsApi
{
    public static void MapChannelsApi(this WebApplication app)
    {
        app.MapGet("/api/channels", ListAsync).WithTags("Channels").WithName("ListChannels");
    }

    private static async Task<Ok<List<ChannelRegistry.Listed>>> ListAsync(
        ChannelRegistry registry, Storage.EarshotDbContext db, Access.AccessScope scope, CancellationToken cancellationToken)
    {
        var visible = await scope.WorkspaceIdsAsync(cancellationToken);
        var names = visible is null ? null : await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Workspaces.Where(w => visible.Contains(w.Id)).Select(w => w.Name), cancellationToken);
        var channels = await registry.ListAsync(cancellationToken);
        return TypedResults.Ok(channels.Where(c => names is null || names.Contains(c.Workspace)).ToList());
    }
}
