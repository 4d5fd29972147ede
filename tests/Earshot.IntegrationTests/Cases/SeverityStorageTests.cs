using Earshot.Core.Cases;
using Earshot.Core.Posts;
using Earshot.Core.Workspaces;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Cases;

/// <summary>A case's severity cues are a list in code and the same comma-joined text in the database as before.</summary>
public sealed class SeverityStorageTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task SeverityCues_StoredAndReadBack_AreTheSameCommaJoinedText(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, ct);
        var contexts = new EarshotDbContextFactory(database.Target);
        var workspace = new Workspace { Name = "acme" };
        var channel = new Channel { WorkspaceId = workspace.Id, Kind = ChannelKind.Api, Name = "api" };
        var author = new Author { Id = Guid.CreateVersion7(), ChannelId = channel.Id, Handle = "@ana" };
        var opened = new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);
        var settings = new WorkspaceCaseSettings(workspace.Id, CasePolicy.Default, [], new Dictionary<Guid, Guid?>(), null, [],
            new Dictionary<Guid, BusinessHours>(), new Dictionary<Guid, Team>());
        var @case = Case.Open(new CaseOpening
        {
            WorkspaceId = workspace.Id, ChannelId = channel.Id, AuthorId = author.Id, Subject = "down again",
            Intent = "complaint", Severity = ["a", "b"], OpenedAt = opened, WaitingSince = opened,
        }, settings, opened);
        await using (var db = contexts.CreateDbContext())
        {
            db.AddRange(workspace, channel, author, @case);
            await db.SaveChangesAsync(ct);
        }

        await using var check = contexts.CreateDbContext();
        var stored = await check.Database.SqlQuery<string>($"SELECT severity AS \"Value\" FROM cases WHERE id = {@case.Id}").SingleAsync(ct);
        Assert.Equal("a,b", stored);
        Assert.Equal(["a", "b"], (await check.Cases.AsNoTracking().SingleAsync(c => c.Id == @case.Id, ct)).Severity);

        // Text written by SQL (as before the cues were a list) reads as the list; no cues is empty text and an empty list.
        await check.Database.ExecuteSqlAsync($"UPDATE cases SET severity = {"outage,billing"} WHERE id = {@case.Id}", ct);
        Assert.Equal(["outage", "billing"], (await check.Cases.AsNoTracking().SingleAsync(c => c.Id == @case.Id, ct)).Severity);
        await check.Database.ExecuteSqlAsync($"UPDATE cases SET severity = {""} WHERE id = {@case.Id}", ct);
        Assert.Empty((await check.Cases.AsNoTracking().SingleAsync(c => c.Id == @case.Id, ct)).Severity);
    }
}
