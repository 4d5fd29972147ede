using Earshot.Core.Events;
using Earshot.Core.Pipeline;
using Earshot.Core.Posts;
using Earshot.Engine.Pipeline;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Earshot.IntegrationTests.Pipeline;

public sealed class PipelineTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task PostedPosts_RunThroughThePipeline_AndArePublished(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind, postgres);
        var bus = app.Services.GetRequiredService<EventBus>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new List<EarshotEvent>();
        var listening = Task.Run(async () =>
        {
            await foreach (var @event in bus.SubscribeAsync(cancel.Token))
            {
                received.Add(@event);
                if (received.Count == 3)
                    return;
            }
        }, cancel.Token);
        while (bus.SubscriberCount == 0)
            await Task.Delay(10, cancel.Token);

        var response = await TestApp.ReadJsonAsync(await app.PostJsonAsync("/api/posts", """
            [{"id": "p1", "channel": "api", "author": "a", "text": "one"},
             {"id": "p2", "channel": "api", "author": "b", "text": "two"},
             {"id": "p3", "channel": "reddit", "author": "c", "text": "three"}]
            """));
        await listening;

        var ids = response.GetProperty("ids").EnumerateArray().Select(i => i.GetGuid()).ToHashSet();
        Assert.Equal(ids, received.Select(e => e.SubjectId).ToHashSet());
        Assert.All(received, e => Assert.Equal(EarshotEvent.PostStored, e.Type));
        // The step is recorded just after the stage publishes.
        await using var db = app.Database.Target.CreateContext();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await db.Posts.CountAsync(p => p.Stage == (int)PipelineStep.Published) < 3 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(3, await db.Posts.CountAsync(p => p.Stage == (int)PipelineStep.Published));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task PostsLeftUnfinished_AreResumedWhenTheAppStarts(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Earshot.Storage.Migrator.MigrateAsync(database.Target, CancellationToken.None);
        // Another process (an import, or a crashed server) stored posts and never ran the later stages.
        await using (var writer = new PostWriter(database.Target, TimeProvider.System))
        {
            var directory = new Earshot.Engine.Workspaces.WorkspaceDirectory(new Earshot.Storage.EarshotDbContextFactory(database.Target), TimeProvider.System);
            var workspace = await directory.GetOrCreateWorkspaceAsync("w", CancellationToken.None);
            var channel = await directory.GetOrCreateChannelAsync(workspace, ChannelKind.Api, CancellationToken.None);
            var rows = Enumerable.Range(0, 1_200).Select(i => new IngestRow(workspace, channel, new IncomingPost
            {
                ExternalId = $"u{i}", Channel = ChannelKind.Api, Author = "a", Text = $"text {i}", RawPayload = "{}",
            })).ToList();
            await writer.WriteAsync(rows, CancellationToken.None);
        }

        await using var app = await TestApp.StartAsyncOver(database);
        await using var db = database.Target.CreateContext();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await db.Posts.CountAsync(p => p.Stage < (int)PipelineStep.Published) > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        Assert.Equal(1_200, await db.Posts.CountAsync(p => p.Stage == (int)PipelineStep.Published));
    }
}
