namespace Earshot.Storage;

/// <summary>
/// The database's migrations history comes from a pre-release build of Earshot whose history was since reset (the
/// migrations were squashed), so this build cannot tell how to bring the schema up to date.
/// </summary>
public sealed class DatabaseFromEarlierBuildException(string database, IReadOnlyList<string> unknownMigrations)
    : Exception(
        $"{database} was created by a pre-release build of Earshot whose schema history has since been reset, so this build "
        + $"cannot upgrade it (it records migrations this build does not know: {Summary(unknownMigrations)}). Nothing was changed. "
        + "Move the database aside or point --db at a new database, then import your data again (earshot import).")
{
    public IReadOnlyList<string> UnknownMigrations { get; } = unknownMigrations;

    private static string Summary(IReadOnlyList<string> ids) => ids.Count switch
    {
        0 => "none",
        1 or 2 => string.Join(", ", ids),
        _ => $"{ids[0]} … {ids[^1]}, {ids.Count} in all",
    };
}
