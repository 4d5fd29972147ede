using Earshot.Core.Posts;
using Earshot.Engine.Pipeline;
using Earshot.Engine.Workspaces;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Channels;

/// <summary>
/// A stream's storage keeps its transaction open over batches: nothing of it is visible, or handed to the pipeline,
/// until it commits, and what is never committed is never stored.
/// </summary>
public sealed class StreamStorageTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Batches_AreSeenAndSignalled_OnlyOnceCommitted(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        var (workspace, channel, ingest, signal) = await IngestAsync(database, ct);

        await using (var storage = ingest.OpenStreamStorage(workspace, channel))
        {
            await storage.WriteAsync([Post("1"), Post("2")], ct);
            await storage.WriteAsync([Post("3")], ct);
            Assert.Equal(0, await CountAsync(database.Target));
            Assert.False(signal.Reader.TryRead(out _));

            await storage.CommitAsync(ct);
            Assert.Equal(3, await CountAsync(database.Target));
            Assert.Equal(3, Drain(signal));

            await storage.WriteAsync([Post("3"), Post("4")], ct); // a duplicate is stored once, and not signalled again
            await storage.CommitAsync(ct);
        }
        Assert.Equal(4, await CountAsync(database.Target));
        Assert.Equal(1, Drain(signal));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task WhatIsNeverCommitted_IsNotStored_AndHoldsNoLock(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        var (workspace, channel, ingest, signal) = await IngestAsync(database, ct);

        await using (var storage = ingest.OpenStreamStorage(workspace, channel))
            await storage.WriteAsync([Post("1")], ct);
        await ingest.IngestToChannelAsync(workspace, channel, [Post("2")], ct);

        Assert.Equal(["2"], await ExternalIdsAsync(database.Target));
        Assert.Equal(1, Drain(signal));
    }

    private static async Task<(Guid Workspace, Guid Channel, IngestService Ingest, PipelineSignal Signal)> IngestAsync(TestDatabase database, CancellationToken ct)
    {
        await Migrator.MigrateAsync(database.Target, ct);
        var (workspace, channel) = await database.ApiChannelAsync();
        var contexts = new EarshotDbContextFactory(database.Target);
        var signal = new PipelineSignal();
        var ingest = new IngestService(new WorkspaceDirectory(contexts, TimeProvider.System), new PostWriters(database.Target, TimeProvider.System), signal, contexts);
        return (workspace, channel, ingest, signal);
    }

    private static IncomingPost Post(string id) =>
        new() { ExternalId = id, Channel = ChannelKind.Api, Author = "a" + id, Text = "t", RawPayload = "{}" };

    private static async Task<int> CountAsync(DatabaseTarget target)
    {
        await using var db = target.CreateContext();
        return await db.Posts.CountAsync();
    }

    private static async Task<List<string>> ExternalIdsAsync(DatabaseTarget target)
    {
        await using var db = target.CreateContext();
        return await db.Posts.Select(p => p.ExternalId).ToListAsync();
    }

    private static int Drain(PipelineSignal signal)
    {
        var count = 0;
        while (signal.Reader.TryRead(out _))
            count++;
        return count;
    }
}
