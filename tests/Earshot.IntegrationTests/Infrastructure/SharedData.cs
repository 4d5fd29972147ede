namespace Earshot.IntegrationTests.Infrastructure;

/// <summary>
/// The public datasets in ../shared/data beside the repository. A user's clone has no such folder, so tests that
/// need it skip with a reason instead of failing.
/// </summary>
public static class SharedData
{
    public static string Require(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", relativePath);
            if (File.Exists(candidate))
                return candidate;
        }
        Assert.Skip($"../shared/data/{relativePath} is not beside the repository; this test needs the public dataset");
        return "";
    }
}
