using Earshot.Core.Cases;
using Earshot.Core.Posts;
using Earshot.Core.Workspaces;
using Earshot.Engine.Cases;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Earshot.Storage.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Storage;

/// <summary>Rows inserted without EF Core's change tracker read back exactly as EF Core would have stored them.</summary>
public sealed class EntityRowsTests(PostgresServer postgres)
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task InsertedCaseAndEvent_ReadBackWithEveryValue(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, ct);
        var contexts = new EarshotDbContextFactory(database.Target);
        var workspace = new Workspace { Name = "acme" };
        var channel = new Channel { WorkspaceId = workspace.Id, Kind = ChannelKind.Mastodon, Name = "mastodon" };
        var author = new Author { Id = Guid.CreateVersion7(), ChannelId = channel.Id, Handle = "@ana" };
        await using (var db = contexts.CreateDbContext())
        {
            db.AddRange(workspace, channel, author);
            await db.SaveChangesAsync(ct);
        }
        var opened = new DateTime(2026, 11, 23, 9, 30, 15, 123, DateTimeKind.Utc).AddTicks(4560); // PostgreSQL keeps microseconds
        // The built-in SLA: a first answer is due an hour after opening.
        var settings = new WorkspaceCaseSettings(workspace.Id, CasePolicy.Default, [], new Dictionary<Guid, Guid?>(), null, [],
            new Dictionary<Guid, BusinessHours>(), new Dictionary<Guid, Team>());
        var written = Case.Open(new CaseOpening
        {
            WorkspaceId = workspace.Id, ChannelId = channel.Id, AuthorId = author.Id, ThreadExternalId = "t-1",
            Subject = "Refund \"never\" came 😡", Intent = "complaint", Severity = ["billing", "legal"],
            Priority = 2.5, Tags = ["vip", "billing"], OpenedAt = opened, WaitingSince = null, RoutedBy = "rule: refunds",
        }, settings, opened.AddMinutes(1));
        Assert.Equal("first_response", written.RecordBreach(settings.Policy, opened.AddHours(2)));
        written.SetStatus(CaseStatus.PendingCustomer, settings, opened.AddHours(2));
        var @event = new CaseEvent { CaseId = written.Id, Kind = CaseEventKinds.Opened, At = opened, DataJson = """{"why":"test"}""" };

        await using (var db = contexts.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await EntityRows.InsertAsync(db, [written], ct);
            await EntityRows.InsertAsync(db, [@event], ct);
            await transaction.CommitAsync(ct);
        }

        await using var check = contexts.CreateDbContext();
        var read = await check.Cases.AsNoTracking().SingleAsync(c => c.Id == written.Id, ct);
        Assert.Equal(
            (written.Subject, written.Status, written.Intent, written.Priority, written.Breaches, written.RoutedBy, written.ThreadExternalId),
            (read.Subject, read.Status, read.Intent, read.Priority, read.Breaches, read.RoutedBy, read.ThreadExternalId));
        Assert.Equal(["billing", "legal"], read.Severity);
        Assert.Equal(["vip", "billing"], read.Tags);
        Assert.Equal((opened, DateTimeKind.Utc), (read.OpenedAt, read.OpenedAt.Kind));
        Assert.Equal((opened.AddHours(1), (DateTime?)null, (Guid?)null), (read.DueAt, read.WaitingSince, read.TeamId));
        Assert.Equal((written.Queued, written.RankKey), (read.Queued, read.RankKey));
        // The queue's own query finds it: a waiting case filters and sorts on the stored rank.
        Assert.Equal(written.Queued, await check.Cases.AnyAsync(c => c.Id == written.Id && c.Queued, ct));
        var readEvent = await check.CaseEvents.AsNoTracking().SingleAsync(e => e.CaseId == written.Id, ct);
        Assert.Equal((CaseEventKinds.Opened, opened, """{"why":"test"}""", (Guid?)null), (readEvent.Kind, readEvent.At, readEvent.DataJson, readEvent.ActorId));
    }
}
