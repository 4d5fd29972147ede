using Xunit;
using Earshot.Core.Understanding;

namespace Earshot.Core.Tests.Understanding;

public sealed class CueAndAspectTests
{
    private static readonly BuiltInClassifier Classifier = new();

    [Theory]
    [InlineData("the app is not working since the update", "outage", "not working")]
    [InlineData("you charged me twice for one order", "billing", "charged")]
    [InlineData("I will be contacting my lawyer about this", "legal", "lawyer")]
    [InlineData("there was smoke coming from the charger, this is dangerous", "safety", "dangerous")]
    [InlineData("I need this fixed asap, my flight leaves in an hour", "urgency", "asap")]
    public void Severity_CueWords_RaiseTheCueAndNameTheWords(string text, string cue, string word)
    {
        var raised = Classifier.Classify(text).Severity.Single(c => c.Cue == cue);
        Assert.Contains(word, raised.Words);
    }

    [Fact]
    public void Severity_SwitchingToANamedCompetitor_NamesIt()
    {
        var churn = Classifier.Classify("That's it, I'm switching to Verizon").Severity.Single(c => c.Cue == "churn");
        Assert.Equal("Verizon", churn.Competitor);
    }

    [Fact]
    public void Severity_NeutralPost_HasNoCues() =>
        Assert.Empty(Classifier.Classify("what time does the store open on sunday?").Severity);

    [Theory]
    [InlineData("how do I change my password?", "question")]
    [InlineData("you should add a dark mode to the app", "suggestion")]
    [InlineData("thank you so much, the team was amazing!", "praise")]
    [InlineData("my package never arrived and nobody answers, unacceptable", "complaint")]
    [InlineData("follow me and click here for free followers #win #free #promo #deal", "spam")]
    [InlineData("new store opening on main street next week", "fyi")]
    public void Intent_TypicalPosts_GetThePrimaryIntent(string text, string intent) =>
        Assert.Equal(intent, Classifier.Classify(text).Intent);

    [Fact]
    public void Intent_Scores_CoverAllIntentsAndSumToOne()
    {
        var scores = Classifier.Classify("why is my order late?").IntentScores;
        Assert.Equal(Intents.All.Order(StringComparer.Ordinal), scores.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1.0, scores.Values.Sum(), 3);
    }

    [Fact]
    public void Aspects_PluralAndSingular_NormaliseToOneForm()
    {
        Assert.Contains("seat", Classifier.Classify("the seats were so cramped").Aspects);
        Assert.Contains("seat", Classifier.Classify("my seat was broken").Aspects);
    }

    [Fact]
    public void Aspects_KnownCareAspect_IsFoundWithoutADeterminer() =>
        Assert.Contains("customer service", Classifier.Classify("customer service was rude to me").Aspects);

    [Fact]
    public void Aspects_DeterminerPhrase_KeepsTwoWords() =>
        Assert.Contains("phone charger", Classifier.Classify("I love the phone chargers").Aspects);
}
