using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Earshot.IntegrationTests.Pages;

/// <summary>
/// Every page string has its German: each English .resx under src/Earshot/Ui has a .de.resx beside it with the same
/// keys, and each translation fills the same {n} places, so a German page neither falls back to English nor throws.
/// </summary>
public sealed partial class ResourcesTests
{
    [Fact]
    public void EnglishResources_HaveGermanTwins_WithTheSameKeysAndPlaceholders()
    {
        var ui = Path.Combine(RepositoryRoot(), "src", "Earshot", "Ui");
        var english = Directory.EnumerateFiles(ui, "*.resx", SearchOption.AllDirectories).Where(f => !IsCultureFile(f)).Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        foreach (var file in english)
        {
            var name = Path.GetRelativePath(ui, file);
            var twin = Path.ChangeExtension(file, ".de.resx");
            if (!File.Exists(twin))
            {
                problems.Add($"{name}: no {Path.GetFileName(twin)} beside it");
                continue;
            }
            var words = Read(file);
            var german = Read(twin);
            foreach (var (key, value) in words)
            {
                if (!german.TryGetValue(key, out var translated))
                    problems.Add($"{name}: {key} has no German");
                else if (!Placeholders(value).SetEquals(Placeholders(translated)))
                    problems.Add($"{name}: {key} fills {string.Join(" ", Placeholders(value).Order())} in English but {string.Join(" ", Placeholders(translated).Order())} in German");
            }
            problems.AddRange(german.Keys.Where(key => !words.ContainsKey(key)).Select(key => $"{name}: {key} is in German only"));
        }

        Assert.NotEmpty(english);
        Assert.True(problems.Count == 0, "Strings without a matching German translation:\n" + string.Join("\n", problems));
    }

    /// <summary>A culture's file is named Page.de.resx or Page.de-AT.resx; the marker classes' names have no dot.</summary>
    private static bool IsCultureFile(string path) =>
        CultureName().IsMatch(Path.GetExtension(Path.GetFileNameWithoutExtension(path)));

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    /// <summary>The {n} places a value fills, with their format ({0:0.00}); a doubled brace is text.</summary>
    private static HashSet<string> Placeholders(string value) =>
        [.. Placeholder().Matches(value.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal)).Select(m => m.Value)];

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Earshot.slnx")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Earshot.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^\.[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
    private static partial Regex CultureName();

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
