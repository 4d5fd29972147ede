using Microsoft.AspNetCore.DataProtection;

namespace Earshot.Connectors;

/// <summary>
/// Encrypts connector credentials before they are stored in a channel's settings (ASP.NET Core Data Protection, keys
/// in the data directory), so a copy of the database alone does not leak tokens. Secrets are never shown again or
/// logged; the Channels page and `channels list` show only that one is set.
/// </summary>
public sealed class SecretBox(IDataProtectionProvider provider)
{
    /// <summary>How a protected value begins in the stored settings.</summary>
    public const string StoredPrefix = "protected:";
    private const string Prefix = StoredPrefix;
    private readonly IDataProtector _protector = provider.CreateProtector("Earshot.ChannelSecrets.v1");

    public string Protect(string secret) => Prefix + _protector.Protect(secret);

    public string Unprotect(string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal)
            ? _protector.Unprotect(stored[Prefix.Length..])
            : throw new InvalidOperationException("A channel secret is stored unprotected; add the channel again.");

    /// <summary>Where the key ring lives: beside a SQLite file, or under ./earshot-data for PostgreSQL (share it between nodes).</summary>
    public static DirectoryInfo KeyDirectory(Storage.DatabaseTarget target)
    {
        var root = target.Provider == Storage.DatabaseProvider.Sqlite
            ? Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.ConnectionString).DataSource)!
            : Path.GetFullPath("earshot-data");
        return Directory.CreateDirectory(Path.Combine(root, "keys"));
    }

    public static SecretBox For(Storage.DatabaseTarget target) =>
        new(DataProtectionProvider.Create(KeyDirectory(target), builder => builder.SetApplicationName("earshot")));
}
