namespace Earshot.Storage.Sqlite;

public sealed class SqliteEarshotDbContext(DbContextOptions<SqliteEarshotDbContext> options) : EarshotDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        // SQLite cannot use an index for a bare boolean column ("WHERE queued"), only for a comparison; stored as
        // the same INTEGER 0/1, the converter makes EF write "queued = 1", so the queue is an index range scan.
        model.Entity<Case>().Property(c => c.Queued).HasConversion<int>();
    }
}
