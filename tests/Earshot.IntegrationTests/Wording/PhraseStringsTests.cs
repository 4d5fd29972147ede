using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Earshot.Core.Wording;
using Earshot.Wording;

namespace Earshot.IntegrationTests.Wording;

/// <summary>
/// Every phrase the code says has its words: each template of a <c>new Phrase("…")</c> under src/ is a key of
/// PhraseStrings.resx (QueryPhraseStrings.resx for the query parser's), whose English is the template itself, word for
/// word, and of its German twin, which fills the same {n} places. Templates are plain literals, so reading the source
/// finds them all.
/// </summary>
public sealed partial class PhraseStringsTests
{
    private static readonly string Wording = Path.Combine(RepositoryRoot(), "src", "Earshot", "Wording");

    [Theory]
    [InlineData("PhraseStrings", false)]
    [InlineData("QueryPhraseStrings", true)]
    public void EveryTemplateInTheCode_HasItsEnglishAndGerman_WithTheSamePlaces(string resource, bool queryParser)
    {
        var english = Read(Path.Combine(Wording, resource + ".resx"));
        var german = Read(Path.Combine(Wording, resource + ".de.resx"));
        var templates = Templates(queryParser);

        var problems = new List<string>();
        foreach (var (template, file) in templates)
        {
            if (!english.TryGetValue(template, out var words))
                problems.Add($"{file}: \"{template}\" is not in {resource}.resx");
            else if (words != template)
                problems.Add($"{file}: {resource}.resx says \"{words}\" for \"{template}\"");
            if (!german.TryGetValue(template, out var translated) || string.IsNullOrWhiteSpace(translated))
                problems.Add($"{file}: \"{template}\" has no German");
            else if (!Placeholders(template).SetEquals(Placeholders(translated)))
                problems.Add($"{file}: \"{template}\" fills {string.Join(" ", Placeholders(template).Order())} but its German {string.Join(" ", Placeholders(translated).Order())}");
        }
        problems.AddRange(english.Keys.Concat(german.Keys).Distinct().Where(key => !templates.ContainsKey(key))
            .Select(key => $"\"{key}\" is in the resources but no code says it"));

        Assert.True(templates.Count > 20, $"found only {templates.Count} templates; is the source where the test looks?");
        Assert.True(problems.Count == 0, $"Phrases and {resource} disagree:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void EveryPhrase_IsMadeFromAPlainLiteral()
    {
        // An interpolated or computed template would bake its values in, and the test above could not see it.
        var made = SourceFiles().SelectMany(file => NotALiteral().Matches(File.ReadAllText(file.Path))
            .Select(m => $"{file.Name}: {m.Value}")).ToList();

        Assert.True(made.Count == 0, "Phrases whose template is not a plain literal:\n" + string.Join("\n", made));
    }

    [Fact]
    public void Say_SpeaksTheReadersLanguage_InsidePhrasesToo_AndLeavesVerbatimTextAlone()
    {
        var german = CultureInfo.GetCultureInfo("de");
        var blockers = Phrase.Joined("; ", [new Phrase("it is the workspace's fallback team"), new Phrase("{0} webhook(s) send only its alerts", 2)]);
        var inUse = new Phrase("'{0}' is still in use: {1}. Change those first.", "Support", blockers);

        Assert.Equal("„Support“ wird noch verwendet: es ist das Auffangteam des Arbeitsbereichs; 2 Webhook(s) senden nur seine Alarme. Ändern Sie das zuerst.",
            PhraseStrings.Say(inUse, german, german));
        Assert.Equal("'Support' is still in use: it is the workspace's fallback team; 2 webhook(s) send only its alerts. Change those first.",
            PhraseStrings.Say(inUse, CultureInfo.GetCultureInfo("en"), CultureInfo.InvariantCulture));
        Assert.Equal(inUse.ToString(), PhraseStrings.Say(inUse, CultureInfo.GetCultureInfo("en"), CultureInfo.InvariantCulture));
        Assert.Equal("no such case", PhraseStrings.Say(Phrase.Verbatim("no such case"), german, german));
    }

    /// <summary>Each template in the source (the query parser's, or all others), with the first file that says it.</summary>
    private static Dictionary<string, string> Templates(bool queryParser)
    {
        var parser = Path.Combine("Earshot.Core", "Topics", "Query") + Path.DirectorySeparatorChar;
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles().Where(f => f.Name.StartsWith(parser, StringComparison.Ordinal) == queryParser))
            foreach (Match match in Literal().Matches(File.ReadAllText(file.Path)))
                templates.TryAdd(Regex.Unescape(match.Groups["text"].Value), file.Name);
        return templates;
    }

    private static IEnumerable<(string Path, string Name)> SourceFiles()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(f => (f, Path.GetRelativePath(src, f)));
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

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

    // A regular C# string literal: its escapes (\" \\ \n) read as Regex.Unescape reads them.
    [GeneratedRegex("""new Phrase\(\s*"(?<text>(?:[^"\\\n]|\\.)*)"(?=\s*[,)])""")]
    private static partial Regex Literal();

    [GeneratedRegex("""new Phrase\((?!\s*"(?:[^"\\\n]|\\.)*"\s*[,)])[^\n]{0,60}""")]
    private static partial Regex NotALiteral();

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
