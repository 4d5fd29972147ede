using System.Globalization;
using CsCheck;

namespace Earshot.Fuzzing;

/// <summary>
/// Runs a property over generated input: briefly by default, so the fuzz tests stay a few seconds of the suite, and
/// as long as asked with EARSHOT_FUZZ_ITERATIONS (and EARSHOT_FUZZ_SEED to replay a failure CsCheck reported).
/// This folder is compiled into each test project that fuzzes (linked, not a project of its own), so the pure
/// projects' tests stay free of storage references.
/// </summary>
internal static class Fuzz
{
    public const string IterationsVariable = "EARSHOT_FUZZ_ITERATIONS";
    public const string SeedVariable = "EARSHOT_FUZZ_SEED";

    /// <summary>The iterations asked for in the environment, else <paramref name="quick"/>.</summary>
    public static long Iterations(long quick) =>
        long.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0
            ? asked
            : quick;

    /// <summary>
    /// Fails with CsCheck's shrunk example and seed when <paramref name="property"/> throws for some input. A seed
    /// passed here (or in EARSHOT_FUZZ_SEED) replays that input first.
    /// </summary>
    public static void Check<T>(Gen<T> gen, Action<T> property, long quick, string? seed = null, Func<T, string>? print = null) =>
        gen.Sample(property, seed: seed ?? Environment.GetEnvironmentVariable(SeedVariable), iter: Iterations(quick), print: print);

    /// <summary>As <see cref="Check{T}"/> for properties that await (the database runs): one thread, few iterations.</summary>
    public static Task CheckAsync<T>(Gen<T> gen, Func<T, Task> property, long quick, Func<T, string>? print = null) =>
        gen.SampleAsync(property, seed: Environment.GetEnvironmentVariable(SeedVariable), iter: Iterations(quick), threads: 1, print: print);

    /// <summary>Shows text with every character a terminal would hide or mangle escaped, for failure reports; long text is cut.</summary>
    public static string Visible(string text)
    {
        const int Shown = 400;
        if (text.Length > Shown)
            return Visible(text[..Shown]) + $"… ({text.Length} characters)";
        var builder = new System.Text.StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is >= ' ' and < '\u007F' and not '\\' and not '"')
                builder.Append(c);
            else
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
        return builder.Append('"').ToString();
    }

    public static string Visible(byte[] bytes) => Convert.ToHexString(bytes);
}
