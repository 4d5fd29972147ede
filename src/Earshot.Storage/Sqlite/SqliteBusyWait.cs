using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Earshot.Storage.Sqlite;

/// <summary>
/// How a connection waits for another connection's write lock. SQLite's own wait (busy_timeout) sleeps 1, 2, 5, 10 …
/// up to 100 ms between tries, so under steady writes (the pipeline, the API and the alert deliverer at once) a
/// waiter oversleeps each release by tens of milliseconds and is overtaken again and again: an alert's delivery
/// waited up to half a second behind the pipeline. This handler tries again every millisecond, within the same budget.
/// SQLitePCLRaw exposes only busy_timeout, so the handler goes straight to SQLite's C API.
/// </summary>
public static partial class SqliteBusyWait
{
    public const int DefaultBudgetMilliseconds = 30_000;

    [ThreadStatic]
    private static long s_waitStarted;

    private static long s_retries;

    /// <summary>Times a connection found the lock taken and waited a millisecond: a measure of write contention.</summary>
    public static long Retries => Interlocked.Read(ref s_retries);

    /// <summary>
    /// Installs the handler and returns true; where the native library does not offer it, falls back to SQLite's own
    /// wait and returns false.
    /// </summary>
    public static bool Install(SqliteConnection connection, int budgetMilliseconds = DefaultBudgetMilliseconds)
    {
        try
        {
            if (InstallNative(connection.Handle!.DangerousGetHandle(), budgetMilliseconds) == 0)
                return true;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
        }
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout={budgetMilliseconds}";
        command.ExecuteNonQuery();
        return false;
    }

    private static unsafe int InstallNative(IntPtr db, int budgetMilliseconds) =>
        sqlite3_busy_handler(db, &OnBusy, budgetMilliseconds);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnBusy(IntPtr budgetMilliseconds, int attempt)
    {
        // One busy wait runs on one thread, from attempt 0 until the lock is had or the handler gives up.
        if (attempt == 0)
            s_waitStarted = Stopwatch.GetTimestamp();
        else if (Stopwatch.GetElapsedTime(s_waitStarted).TotalMilliseconds >= budgetMilliseconds)
            return 0;
        Interlocked.Increment(ref s_retries);
        Thread.Sleep(1);
        return 1;
    }

    [LibraryImport("e_sqlite3")]
    private static unsafe partial int sqlite3_busy_handler(IntPtr db, delegate* unmanaged[Cdecl]<IntPtr, int, int> handler, IntPtr argument);
}
