using System.Runtime.InteropServices;

namespace Earshot.Storage.Sqlite;

/// <summary>
/// The few SQLite C functions the ingest writer calls per value, straight on the native handles: through SQLitePCLRaw
/// each call also takes and releases a reference on the statement's SafeHandle, which was about 5 % of the writer's
/// time in bench `import`. The caller keeps the handles alive.
/// </summary>
internal static partial class SqliteNative
{
    /// <summary>SQLITE_TRANSIENT: SQLite copies the value before the call returns.</summary>
    private static readonly IntPtr Transient = new(-1);

    public static unsafe int BindUtf8(IntPtr statement, int index, ReadOnlySpan<byte> text)
    {
        fixed (byte* bytes = text)
            return sqlite3_bind_text(statement, index, bytes, text.Length, Transient);
    }

    public static unsafe int BindUtf16(IntPtr statement, int index, ReadOnlySpan<char> text)
    {
        fixed (char* chars = text)
            return sqlite3_bind_text16(statement, index, chars, text.Length * 2, Transient);
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_bind_int64")]
    public static partial int BindInteger(IntPtr statement, int index, long value);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_bind_null")]
    public static partial int BindNull(IntPtr statement, int index);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_step")]
    public static partial int Step(IntPtr statement);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_reset")]
    public static partial int Reset(IntPtr statement);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_changes")]
    public static partial int Changes(IntPtr database);

    [LibraryImport("e_sqlite3")]
    private static unsafe partial int sqlite3_bind_text(IntPtr statement, int index, byte* text, int bytes, IntPtr destructor);

    [LibraryImport("e_sqlite3")]
    private static unsafe partial int sqlite3_bind_text16(IntPtr statement, int index, char* text, int bytes, IntPtr destructor);
}
