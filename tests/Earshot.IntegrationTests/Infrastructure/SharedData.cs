namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// The public datasets in ../shared/data beside the repository. A user's clone has no such folder, so tests that
/// need it skip with a reason instead of failing.
/// </summary>
public static class SharedData
{
    public static string RequireFixture(string relativePath) => Find("fixtures", relativePath);

    public static string Require(string relativePath) => Find("data", relativePath);

    private static string Find(string folder, string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", folder, relativePath);
            if (File.Exists(candidate))
                return candidate;
        }
        Assert.Skip($"../shared/{folder}/{relativePath} is not beside the repository; this test needs it");
        return "";
    }
}
