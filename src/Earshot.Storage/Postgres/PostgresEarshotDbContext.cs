namespace Earshot.Storage.Postgres;

public sealed class PostgresEarshotDbContext(DbContextOptions<PostgresEarshotDbContext> options) : EarshotDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
