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

    private static async Task<Ok<IReadOnlyList<ChannelRegistry.Listed>>> ListAsync(ChannelRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.ListAsync(cancellationToken));
}
