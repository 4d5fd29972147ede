using Earshot.Core.Access;
using Earshot.Core.Posts;
using Earshot.Core.Understanding.Learning;
using Earshot.Core.Workspaces;
using Earshot.IntegrationTests.Infrastructure;
using Earshot.Storage;
using Earshot.Storage.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Storage;

/// <summary>The storage half of tenancy: what a restricted context can read and write, whoever wrote the query.</summary>
public sealed class WorkspaceFiltersTests(PostgresServer postgres)
{
    /// <summary>The server's own bookkeeping and the shared trained models: no workspace owns them.</summary>
    private static readonly Type[] Unowned = [typeof(InboundDelivery), typeof(TrainedModel), typeof(ReclassifyJob), typeof(PrivateHostAllowance)];

    [Fact]
    public async Task Every_entity_of_the_model_is_filtered_by_workspace_or_declared_unowned()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, postgres);
        await using var db = database.Target.CreateContext();
        var unfiltered = db.Model.GetEntityTypes()
            .Where(t => t.FindDeclaredQueryFilter("workspace") is null && !Unowned.Contains(t.ClrType))
            .Select(t => t.ClrType.Name).ToList();
        Assert.Empty(unfiltered);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_restricted_context_reads_only_its_workspaces_and_cannot_write_into_others(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(kind, postgres);
        await Migrator.MigrateAsync(database.Target, ct);
        var acme = new Workspace { Name = "acme" };
        var globex = new Workspace { Name = "globex" };
        await using (var setup = database.Target.CreateContext())
        {
            setup.Workspaces.AddRange(acme, globex);
            setup.Teams.AddRange(new Team { WorkspaceId = acme.Id, Name = "care" }, new Team { WorkspaceId = globex.Id, Name = "secret-team" });
            await setup.SaveChangesAsync(ct);
        }

        using (WorkspaceScope.RestrictTo(null, [acme.Id]))
        {
            await using var db = database.Target.CreateContext();
            Assert.Equal(["acme"], await db.Workspaces.Select(w => w.Name).ToListAsync(ct));
            Assert.Equal(["care"], await db.Teams.Select(t => t.Name).ToListAsync(ct));
            Assert.Equal(0, await db.Teams.Where(t => t.Name == "secret-team").ExecuteDeleteAsync(ct));

            db.Teams.Add(new Team { WorkspaceId = globex.Id, Name = "planted" });
            await Assert.ThrowsAsync<WorkspaceAccessException>(() => db.SaveChangesAsync(ct));
            db.ChangeTracker.Clear();

            var care = await db.Teams.SingleAsync(ct);
            care.WorkspaceId = globex.Id;
            await Assert.ThrowsAsync<WorkspaceAccessException>(() => db.SaveChangesAsync(ct));
            db.ChangeTracker.Clear();

            db.Workspaces.Add(new Workspace { Name = "side-effect" });
            await Assert.ThrowsAsync<WorkspaceAccessException>(() => db.SaveChangesAsync(ct));
        }

        await using var unrestricted = database.Target.CreateContext();
        Assert.Equal(["acme", "globex"], await unrestricted.Workspaces.OrderBy(w => w.Name).Select(w => w.Name).ToListAsync(ct));
        Assert.Equal(["care", "secret-team"], await unrestricted.Teams.OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(ct));
    }
}
