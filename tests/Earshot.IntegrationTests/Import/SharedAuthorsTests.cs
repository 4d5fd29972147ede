using Earshot.Core.Posts;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Import;

/// <summary>
/// The server's writers share what they know of authors (<see cref="KnownAuthors"/>), so a batch skips the upserts
/// of authors whose details it already committed; every change of details must still reach the database.
/// </summary>
public sealed class SharedAuthorsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task BatchesOfTheServersWriters_StoreEachChangeOfAnAuthorsDetails(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);
        var (workspace, channel) = await database.ApiChannelAsync();
        var writers = new PostWriters(database.Target, TimeProvider.System);

        foreach (var (id, followers) in new[] { ("1", 10), ("2", 10), ("3", 12), ("4", 10), ("5", 10) })
        {
            await writers.WriteAsync([Ann(workspace, channel, id, followers)], CancellationToken.None);
            await using var db = database.Target.CreateContext();
            Assert.Equal(followers, (await db.Authors.SingleAsync()).Followers);
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AnUpsertRolledBack_IsNotRemembered(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, CancellationToken.None);
        var (workspace, channel) = await database.ApiChannelAsync();
        var known = new KnownAuthors();

        await using (var abandoned = new PostWriter(database.Target, TimeProvider.System, known))
            await abandoned.WriteAsync([Ann(workspace, channel, "1", 10)], commit: false, CancellationToken.None);
        await using (var writer = new PostWriter(database.Target, TimeProvider.System, known))
            await writer.WriteAsync([Ann(workspace, channel, "2", 10)], CancellationToken.None);

        await using var db = database.Target.CreateContext();
        var post = await db.Posts.SingleAsync();
        Assert.Equal("2", post.ExternalId);
        // The writer checks authors itself (SQLite's foreign keys are off for it), so a remembered upsert that was
        // rolled back would leave the post pointing at no author.
        Assert.Equal(10, (await db.Authors.SingleAsync(a => a.Id == post.AuthorId)).Followers);
        Assert.Equal(1, known.Count);
    }

    private static IngestRow Ann(Guid workspace, Guid channel, string id, int followers) => new(workspace, channel, new IncomingPost
    {
        ExternalId = id, Channel = ChannelKind.Api, Author = "ann", Text = id, RawPayload = "{}", AuthorFollowers = followers,
    });
}
