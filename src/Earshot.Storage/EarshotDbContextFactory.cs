using Earshot.Storage.Postgres;
using Earshot.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Earshot.Storage;

/// <summary>Creates contexts of the configured provider; options are built once.</summary>
public sealed class EarshotDbContextFactory : IDbContextFactory<EarshotDbContext>
{
    private readonly Func<EarshotDbContext> _create;

    public EarshotDbContextFactory(DatabaseTarget target)
    {
        Target = target;
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var options = target.Configure(new DbContextOptionsBuilder<SqliteEarshotDbContext>()).Options;
            _create = () => new SqliteEarshotDbContext(options);
        }
        else
        {
            var options = target.Configure(new DbContextOptionsBuilder<PostgresEarshotDbContext>()).Options;
            _create = () => new PostgresEarshotDbContext(options);
        }
    }

    public DatabaseTarget Target { get; }

    public EarshotDbContext CreateDbContext() => _create();
}
