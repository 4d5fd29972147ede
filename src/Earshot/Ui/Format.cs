using System.Globalization;

namespace Earshot.Ui;

/// <summary>How pages show numbers and times: UTC, unambiguous, invariant.</summary>
public static class Format
{
    public static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Count(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown";
}
