using System.Collections;
using System.Globalization;
using System.Resources;
using Earshot.Connectors.Setup;
using Earshot.Core.Posts;
using Earshot.Ui.Channels;

namespace Earshot.IntegrationTests.Pages;

/// <summary>
/// The Channels page describes each kind of channel from ChannelSetupStrings while the CLI and the API keep
/// ChannelSetups' English: every text of every kind has its English and German resource, and the English resource says
/// exactly what ChannelSetups says, so the page and the command line cannot drift apart.
/// </summary>
public sealed class ChannelSetupStringsTests
{
    // The resources the page's IStringLocalizer<ChannelSetupStrings> reads, one culture at a time (no fallback to English).
    private static readonly ResourceManager Resources = new(typeof(ChannelSetupStrings));

    [Fact]
    public void EnglishResources_SayWhatChannelSetupsSays_AndNothingElse()
    {
        var english = Read(CultureInfo.InvariantCulture);
        var expected = Texts().ToDictionary(t => t.Key, t => t.English, StringComparer.Ordinal);

        var problems = expected.Where(t => !english.ContainsKey(t.Key)).Select(t => $"{t.Key}: missing (ChannelSetups says \"{t.Value}\")")
            .Concat(expected.Where(t => english.TryGetValue(t.Key, out var text) && text != t.Value)
                .Select(t => $"{t.Key}: the resource says \"{english[t.Key]}\", ChannelSetups \"{t.Value}\""))
            .Concat(english.Keys.Where(key => !expected.ContainsKey(key)).Select(key => $"{key}: no such kind, setting or field in ChannelSetups"))
            .ToList();

        Assert.True(problems.Count == 0, "ChannelSetupStrings.resx and ChannelSetups disagree:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void GermanResources_HaveEveryKindsTexts()
    {
        var german = Read(CultureInfo.GetCultureInfo("de"));

        var missing = Texts().Where(t => string.IsNullOrWhiteSpace(german.GetValueOrDefault(t.Key))).Select(t => t.Key).ToList();

        Assert.True(missing.Count == 0, "No German in ChannelSetupStrings.de.resx for:\n" + string.Join("\n", missing));
    }

    /// <summary>Every text the page shows for a kind, by the key it reads it with, and ChannelSetups' English.</summary>
    private static IEnumerable<(string Key, string English)> Texts() =>
        ChannelSetups.All.SelectMany(setup =>
        {
            var kind = setup.Kind.WireName();
            return new[] { ($"{kind}.Title", setup.Title), ($"{kind}.Description", setup.Summary), ($"{kind}.NameHelp", setup.NameHelp) }
                .Concat(setup.Settings.SelectMany(s => new[] { ($"{kind}.{s.Key}.Label", s.Label), ($"{kind}.{s.Key}.Help", s.Help) }));
        });

    private static Dictionary<string, string> Read(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }
}
