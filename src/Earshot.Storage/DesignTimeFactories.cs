using Earshot.Storage.Postgres;
using Earshot.Storage.Sqlite;
using Microsoft.EntityFrameworkCore.Design;

namespace Earshot.Storage;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteEarshotDbContext>
{
    public SqliteEarshotDbContext CreateDbContext(string[] args) =>
        (SqliteEarshotDbContext)new DatabaseTarget(DatabaseProvider.Sqlite, "Data Source=design.db").CreateContext();
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresEarshotDbContext>
{
    public PostgresEarshotDbContext CreateDbContext(string[] args) =>
        (PostgresEarshotDbContext)new DatabaseTarget(DatabaseProvider.Postgres, "Host=localhost;Database=earshot_design").CreateContext();
}
