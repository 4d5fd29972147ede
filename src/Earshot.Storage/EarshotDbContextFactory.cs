using Earshot.Storage.Postgres;
using Earshot.Storage.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Earshot.Storage;

/// <summary>
/// Creates contexts of the configured provider from a pool: options are built once, and a returned context keeps
/// its internal services, so a request does not pay for resolving EF Core's scoped services every time (a tenth
/// of the CPU of "next case" before pooling).
/// </summary>
public sealed class EarshotDbContextFactory : IDbContextFactory<EarshotDbContext>
{
    private readonly Func<EarshotDbContext> _create;

    public EarshotDbContextFactory(DatabaseTarget target)
    {
        Target = target;
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var options = target.Configure(new DbContextOptionsBuilder<SqliteEarshotDbContext>()).Options;
            var pool = new PooledDbContextFactory<SqliteEarshotDbContext>(options);
            _create = pool.CreateDbContext;
        }
        else
        {
            var options = target.Configure(new DbContextOptionsBuilder<PostgresEarshotDbContext>()).Options;
            var pool = new PooledDbContextFactory<PostgresEarshotDbContext>(options);
            _create = pool.CreateDbContext;
        }
    }

    public DatabaseTarget Target { get; }

    public EarshotDbContext CreateDbContext() => _create();
}
