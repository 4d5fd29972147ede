using Earshot.Core.Posts;
using Earshot.Engine.Importers;
using Earshot.Engine.Workspaces;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Import;

/// <summary>
/// What the writer now works out away from its transaction (threads looked up on a read connection, values encoded
/// ahead, references it checks itself instead of SQLite's foreign keys) still comes out as before.
/// </summary>
public sealed class ImportWriterTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_RepliesAcrossBatchesAndCommits_JoinTheirParentsThread(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);
        // 300 roots, then replies to roots far behind (committed), just behind (same open transaction), to replies
        // (chains), to a parent that arrives later in the file, and to one that never arrives.
        var lines = new List<string>();
        for (var i = 0; i < 300; i++)
            lines.Add(Line($"r{i}", null));
        for (var i = 0; i < 300; i++)
            lines.Add(Line($"a{i}", $"r{i}"));
        for (var i = 0; i < 300; i++)
            lines.Add(Line($"b{i}", $"a{i}"));
        lines.Add(Line("early", "late"));
        lines.Add(Line("stray", "never-seen"));
        lines.Add(Line("late", "r5"));
        var file = Path.Combine(Path.GetTempPath(), $"earshot-threads-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, lines);
        try
        {
            await using var writer = new PostWriter(database.Target, TimeProvider.System);
            var importer = new PostImporter(new WorkspaceDirectory(new EarshotDbContextFactory(database.Target), TimeProvider.System), writer)
            {
                BatchSize = 40, PostsPerCommit = 200,
            };
            var summary = await importer.ImportAsync(file, null, "w", null, null, CancellationToken.None);
            Assert.Equal(903, summary.Stored);
        }
        finally
        {
            File.Delete(file);
        }

        var threads = await ThreadsAsync(database);
        Assert.All(Enumerable.Range(0, 300), i =>
        {
            Assert.Equal($"r{i}", threads[$"r{i}"]);
            Assert.Equal($"r{i}", threads[$"a{i}"]);
            Assert.Equal($"r{i}", threads[$"b{i}"]);
        });
        Assert.Equal("r5", threads["late"]);
        Assert.Equal("r5", threads["early"]); // resolved after the import: its parent came later
        Assert.Equal("never-seen", threads["stray"]);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Writer_ResolveThreads_RunsOnlyWhenAParentArrivedAfterItsReply(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);
        var (workspace, channel) = await database.ApiChannelAsync();

        await using var writer = new PostWriter(database.Target, TimeProvider.System);
        await writer.WriteAsync([Row(workspace, channel, "root", null), Row(workspace, channel, "reply", "root"), Row(workspace, channel, "lost", "gone")], CancellationToken.None);
        Assert.Equal(0, await writer.ResolveThreadsAsync(CancellationToken.None));

        await writer.WriteAsync([Row(workspace, channel, "child", "parent")], CancellationToken.None);
        await writer.WriteAsync([Row(workspace, channel, "parent", "root")], CancellationToken.None);
        Assert.Equal(1, await writer.ResolveThreadsAsync(CancellationToken.None));
        Assert.Equal("root", (await ThreadsAsync(database))["child"]);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Writer_ChannelThatDoesNotExist_RefusesTheBatchAndKeepsEarlierOnes(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);
        var (workspace, channel) = await database.ApiChannelAsync();

        await using var writer = new PostWriter(database.Target, TimeProvider.System);
        await writer.WriteAsync([Row(workspace, channel, "kept", null)], CancellationToken.None);
        var wrongWorkspace = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            writer.WriteAsync([Row(Guid.CreateVersion7(), channel, "x1", null)], CancellationToken.None));
        var unknownChannel = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            writer.WriteAsync([Row(workspace, channel, "x2", null), Row(workspace, Guid.CreateVersion7(), "x3", null)], CancellationToken.None));

        Assert.Contains("does not exist", wrongWorkspace.Message);
        Assert.Contains("does not exist", unknownChannel.Message);
        await using var db = database.Target.CreateContext();
        Assert.Equal(["kept"], await db.Posts.Select(p => p.ExternalId).ToListAsync());
        Assert.Single(await db.Authors.ToListAsync());
        // The writer turns SQLite's foreign-key checks off on its own connection only.
        if (kind == DatabaseKind.Sqlite)
            Assert.Equal(1L, await db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS \"Value\" FROM pragma_foreign_keys").SingleAsync());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Writer_EveryKindOfValue_ReadsBackExactly(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);
        var (workspace, channel) = await database.ApiChannelAsync();
        var created = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1_234_560); // microseconds: PostgreSQL keeps no finer
        var incoming = new IncomingPost
        {
            ExternalId = "ü-1", Channel = ChannelKind.Api, Author = "Zoë", Text = "Crème brûlée 🍮 \"quoted\" <b>x</b>\n日本語",
            RawPayload = """{"text": "Crème brûlée 🍮"}""", CreatedAt = created, Url = "https://example.com/ü", Language = "fr",
            InReplyTo = null, IsBrand = true, AuthorFollowers = 12, AuthorDisplayName = "Zoë Ö",
        };

        IReadOnlyList<IngestOutcome> outcomes;
        await using (var writer = new PostWriter(database.Target, TimeProvider.System))
            outcomes = await writer.WriteAsync([new IngestRow(workspace, channel, incoming)], CancellationToken.None);

        await using var db = database.Target.CreateContext();
        var post = await db.Posts.Include(p => p.Author).SingleAsync();
        Assert.Equal(outcomes[0].PostId, post.Id);
        Assert.Equal((workspace, channel), (post.WorkspaceId, post.ChannelId));
        Assert.Equal((incoming.ExternalId, incoming.Text, incoming.RawPayload), (post.ExternalId, post.Text, post.RawPayload));
        Assert.Equal((created, incoming.Url, "fr", true, "ü-1"), (post.CreatedAt, post.Url, post.Language, post.IsBrand, post.ThreadExternalId));
        Assert.Null(post.InReplyToExternalId);
        Assert.Equal(StableIds.Author(channel, "Zoë"), post.AuthorId);
        Assert.Equal(("Zoë", "Zoë Ö", 12), (post.Author!.Handle, post.Author.DisplayName, post.Author.Followers));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Writer_OneAuthorWithDifferentDetailsInABatch_StoresTheFirst(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);
        var (workspace, channel) = await database.ApiChannelAsync();
        IngestRow Ann(string id, int followers) => new(workspace, channel, new IncomingPost
        {
            ExternalId = id, Channel = ChannelKind.Api, Author = "ann", Text = id, RawPayload = "{}", AuthorFollowers = followers,
        });

        await using (var writer = new PostWriter(database.Target, TimeProvider.System))
            await writer.WriteAsync([Ann("1", 10), Ann("2", 11), Ann("3", 12)], CancellationToken.None);

        await using var db = database.Target.CreateContext();
        Assert.Equal(10, (await db.Authors.SingleAsync()).Followers);
        Assert.Equal(3, await db.Posts.CountAsync());
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Writer_OneBatch_IdsFollowTheBatchOrder(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);
        var (workspace, channel) = await database.ApiChannelAsync();
        var rows = Enumerable.Range(0, 500).Select(i => Row(workspace, channel, $"p{i}", null)).ToList();

        await using (var writer = new PostWriter(database.Target, TimeProvider.System))
            await writer.WriteAsync(rows, CancellationToken.None);

        // The pipeline takes posts in id order, so a customer's posts are understood in the order they came.
        await using var db = database.Target.CreateContext();
        var inIdOrder = await db.Posts.OrderBy(p => p.Id).Select(p => p.ExternalId).ToListAsync();
        Assert.Equal(rows.Select(r => r.Post.ExternalId), inIdOrder);
    }

    [Fact]
    public async Task Migrate_NewSqliteDatabase_Uses16KiBPages()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);

        await using var connection = new SqliteConnection(database.Target.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        Assert.Equal(16_384L, (long)(await command.ExecuteScalarAsync())!);
    }

    private static string Line(string id, string? parent) =>
        parent is null
            ? $$"""{"id": "{{id}}", "channel": "api", "author": "u-{{id}}", "text": "post {{id}}"}"""
            : $$"""{"id": "{{id}}", "channel": "api", "author": "u-{{id}}", "text": "post {{id}}", "in_reply_to": "{{parent}}"}""";

    private static IngestRow Row(Guid workspace, Guid channel, string id, string? parent) => new(workspace, channel, new IncomingPost
    {
        ExternalId = id, Channel = ChannelKind.Api, Author = "ann", Text = id, RawPayload = "{}", InReplyTo = parent,
    });

    private static async Task<Dictionary<string, string?>> ThreadsAsync(TestDatabase database)
    {
        await using var db = database.Target.CreateContext();
        return await db.Posts.ToDictionaryAsync(p => p.ExternalId, p => p.ThreadExternalId);
    }
}
