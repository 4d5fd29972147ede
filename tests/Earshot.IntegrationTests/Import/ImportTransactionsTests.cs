using Earshot.Core.Posts;
using Earshot.Engine.Importers;
using Earshot.Engine.Workspaces;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Import;

/// <summary>An import commits every tens of thousands of posts, so these check what a commit spanning batches keeps.</summary>
public sealed class ImportTransactionsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Writer_BatchesLeftOpen_AreSeenOnlyOnceCommitted(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);
        var (workspace, channel) = await database.ApiChannelAsync();

        await using (var writer = new PostWriter(database.Target, TimeProvider.System))
        {
            await writer.WriteAsync(Rows(workspace, channel, "a", 300), commit: false, CancellationToken.None);
            await writer.WriteAsync(Rows(workspace, channel, "b", 200), commit: false, CancellationToken.None);
            Assert.Equal(0, await CountAsync(database));

            await writer.CommitAsync(CancellationToken.None);
            Assert.Equal(500, await CountAsync(database));

            // Left open when the writer goes away: rolled back, like an abandoned transaction.
            await writer.WriteAsync(Rows(workspace, channel, "c", 100), commit: false, CancellationToken.None);
        }
        Assert.Equal(500, await CountAsync(database));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_CancelledMidway_KeepsEveryPostItReportedStored(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);
        var file = Path.Combine(Path.GetTempPath(), $"earshot-cancel-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 2_000).Select(i =>
            $$"""{"id": "c{{i}}", "channel": "api", "author": "user{{i % 50}}", "text": "post {{i}}"}"""));
        try
        {
            using var cancel = new CancellationTokenSource();
            var progress = new CancelAfterFirstReport(cancel);
            await using var writer = new PostWriter(database.Target, TimeProvider.System);
            // One transaction would hold the whole file: only the commit on the way out keeps the first batches.
            var importer = new PostImporter(new WorkspaceDirectory(new EarshotDbContextFactory(database.Target), TimeProvider.System), writer)
            {
                BatchSize = 100, PostsPerCommit = 1_000_000, CommitInterval = TimeSpan.FromHours(1),
            };

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => importer.ImportAsync(file, null, "w", null, progress, cancel.Token));

            Assert.InRange(progress.LastStored, 100, 1_999);
            Assert.Equal(progress.LastStored, await CountAsync(database));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Writer_AuthorDetailsChangeBetweenBatches_EveryChangeStored(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);
        var (workspace, channel) = await database.ApiChannelAsync();
        IngestRow Ann(string id, int? followers, string? name) => new(workspace, channel, new IncomingPost
        {
            ExternalId = id, Channel = ChannelKind.Api, Author = "ann", Text = id, RawPayload = "{}", AuthorFollowers = followers, AuthorDisplayName = name,
        });

        await using (var writer = new PostWriter(database.Target, TimeProvider.System))
        {
            await writer.WriteAsync([Ann("1", 10, null)], commit: false, CancellationToken.None);
            await writer.WriteAsync([Ann("2", 10, null)], commit: false, CancellationToken.None);
            await writer.WriteAsync([Ann("3", 25, "Ann")], CancellationToken.None);
            Assert.Equal((25, "Ann"), await AuthorAsync(database));

            // Left open when the writer goes: rolled back, details and all.
            await writer.WriteAsync([Ann("4", 99, "Ann")], commit: false, CancellationToken.None);
        }
        Assert.Equal((25, "Ann"), await AuthorAsync(database));
        await using (var writer = new PostWriter(database.Target, TimeProvider.System))
        {
            await writer.WriteAsync([Ann("5", 99, "Ann")], CancellationToken.None);
            await writer.WriteAsync([Ann("6", 100, null)], CancellationToken.None);
        }
        Assert.Equal((100, "Ann"), await AuthorAsync(database)); // an unknown name never erases a known one
    }

    private static async Task<(int? Followers, string? Name)> AuthorAsync(TestDatabase database)
    {
        await using var db = database.Target.CreateContext();
        var author = await db.Authors.SingleAsync();
        return (author.Followers, author.DisplayName);
    }


    private static List<IngestRow> Rows(Guid workspace, Guid channel, string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => new IngestRow(workspace, channel, new IncomingPost
        {
            ExternalId = $"{prefix}{i}", Channel = ChannelKind.Api, Author = $"user{i % 7}", Text = $"text {i}", RawPayload = "{}",
        })).ToList();

    private static async Task<int> CountAsync(TestDatabase database)
    {
        await using var db = database.Target.CreateContext();
        return await db.Posts.CountAsync();
    }

    /// <summary>Cancels the import as soon as its first batch is written; remembers the last count it was told.</summary>
    private sealed class CancelAfterFirstReport(CancellationTokenSource cancel) : IProgress<ImportProgress>
    {
        public long LastStored { get; private set; }

        public void Report(ImportProgress value)
        {
            LastStored = value.Stored;
            cancel.Cancel();
        }
    }
}
