using Earshot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Earshot.IntegrationTests.Storage;

public sealed class MigrationsTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused")]
    public void Model_HasNoChangesMissingFromMigrations(DatabaseProvider provider, string connectionString)
    {
        using var db = new DatabaseTarget(provider, connectionString).CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} model has changes with no migration: run dotnet ef migrations add for both providers.");
    }
}
