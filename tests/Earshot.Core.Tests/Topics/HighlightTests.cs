using Earshot.Core.Topics.Matching;
using Earshot.Core.Topics.Query;
using Xunit;

namespace Earshot.Core.Tests.Topics;

public sealed class HighlightTests
{
    private static string[] Highlighted(string query, string text) =>
        TopicMatcher.Highlight(QueryParser.ParseOrThrow(query), text).Select(r => text.Substring(r.Start, r.Length)).ToArray();

    [Fact]
    public void Highlight_Terms_ReturnsEachOccurrence()
    {
        Assert.Equal(["Delay", "delayed", "#Refund"], Highlighted("delay* refund", "Delay and delayed, no #Refund"));
    }

    [Fact]
    public void Highlight_NegatedTerms_AreNotHighlighted()
    {
        Assert.Equal(["bag"], Highlighted("bag NOT (lost OR job)", "bag lost"));
    }

    [Fact]
    public void Highlight_Phrase_OnlyWhereWholePhraseOccurs()
    {
        Assert.Equal(["gate", "agent"], Highlighted("\"gate agent\"", "gate closed, the gate agent left, agent"));
    }

    [Fact]
    public void Highlight_KnownTopicId_UsesItsQuery()
    {
        var matcher = new TopicMatcher();
        var id = Guid.NewGuid();
        matcher.AddOrUpdate(id, "café");

        var ranges = matcher.Highlight(id, "Un CAFÉ!");

        Assert.Equal([new TextRange(3, 4)], ranges);
        Assert.Empty(matcher.Highlight(Guid.NewGuid(), "Un CAFÉ!"));
    }
}
