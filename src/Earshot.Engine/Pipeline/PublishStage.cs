using Earshot.Core.Events;
using Earshot.Core.Pipeline;

namespace Earshot.Engine.Pipeline;

/// <summary>The last step: tell live pages (and later webhooks) that posts are ready to show.</summary>
public sealed class PublishStage(IDbContextFactory<EarshotDbContext> contexts, EventBus bus, TimeProvider clock) : IPipelineStage
{
    public PipelineStep Step => PipelineStep.Published;

    public async Task ProcessAsync(IReadOnlyList<Guid> postIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var posts = await db.Posts.Where(p => postIds.Contains(p.Id))
            .Select(p => new { p.Id, p.WorkspaceId }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var post in posts)
            bus.Publish(new EarshotEvent(EarshotEvent.PostStored, post.WorkspaceId, post.Id, now));
    }
}
