using Microsoft.EntityFrameworkCore;

namespace Earshot.Storage.Sqlite;

public sealed class SqliteEarshotDbContext(DbContextOptions<SqliteEarshotDbContext> options) : EarshotDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
