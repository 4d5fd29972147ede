using Microsoft.EntityFrameworkCore;

namespace Earshot.Storage;

public static class Migrator
{
    /// <summary>Applies pending migrations; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        await using var db = target.CreateContext();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }
}
