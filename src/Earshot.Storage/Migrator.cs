namespace Earshot.Storage;

public static class Migrator
{
    /// <summary>
    /// Applies pending migrations; returns their names. Throws <see cref="DatabaseFromEarlierBuildException"/>, having
    /// changed nothing, when the database was migrated by a build from before this build's first migration.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        await using var db = target.CreateContext();
        var known = db.Database.GetMigrations().ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        // Every database this build or a later one migrated has this build's first migration. One that has a history
        // without it already holds the tables that migration would create, so EF Core would fail half-way through it.
        if (applied.Count > 0 && !applied.Contains(known[0], StringComparer.Ordinal))
            throw new DatabaseFromEarlierBuildException(target.Describe(), applied.Except(known, StringComparer.Ordinal).ToList());

        var pending = known.Except(applied, StringComparer.Ordinal).ToList();
        if (pending.Count > 0)
            await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }
}
