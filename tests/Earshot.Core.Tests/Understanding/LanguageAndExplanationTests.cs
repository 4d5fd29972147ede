using Xunit;
using Earshot.Core.Understanding;

namespace Earshot.Core.Tests.Understanding;

public sealed class LanguageAndExplanationTests
{
    private static readonly BuiltInClassifier Classifier = new();

    [Theory]
    [InlineData("the flight was on time and the crew was nice", "en")]
    [InlineData("el vuelo llegó tarde y no hay nadie para ayudar", "es")]
    [InlineData("le vol est en retard et personne ne répond", "fr")]
    [InlineData("der Flug ist verspätet und niemand hilft mir", "de")]
    [InlineData("o voo está atrasado e ninguém responde", "pt")]
    [InlineData("il volo è in ritardo e non risponde nessuno", "it")]
    [InlineData("de vlucht is vertraagd en niemand helpt mij", "nl")]
    public void Language_CommonLanguages_AreDetected(string text, string language) =>
        Assert.Equal(language, Classifier.Classify(text).Language);

    [Theory]
    [InlineData("рейс задерживается уже три часа")]
    [InlineData("フライトが遅れています")]
    [InlineData("xq zzv brrp")]
    public void Language_UncoveredOrUnrecognisable_IsUnknownNotGuessed(string text) =>
        Assert.Equal("unknown", Classifier.Classify(text).Language);

    [Fact]
    public void Language_NonEnglish_GetsNoEnglishWordScores()
    {
        // "horrible" is an English lexicon word; in a French post it must not be scored as English.
        var labels = Classifier.Classify("le service est horrible et je suis très déçu");
        Assert.Equal("fr", labels.Language);
        Assert.Equal(0, labels.SentimentScore);
    }

    [Fact]
    public void Explanation_SentimentWeights_AddUpToTheScore()
    {
        var labels = Classifier.Classify("still waiting, worst airline ever, thanks a lot");
        var sum = labels.Explanation.Contributions.Where(c => c.Label == "sentiment").Sum(c => c.Weight);
        Assert.Equal(labels.SentimentScore, sum, 2);
    }

    [Fact]
    public void Explanation_Render_NamesTokensWithSignedWeights()
    {
        var labels = Classifier.Classify("still waiting, this is the worst");
        var sentence = labels.Explanation.Render(labels.Sentiment);
        Assert.StartsWith("negative because: ", sentence, StringComparison.Ordinal);
        Assert.Contains("'still waiting' \u2212", sentence, StringComparison.Ordinal);
        Assert.Contains("'worst' \u2212", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_NoSentimentWords_SaysSo() =>
        Assert.Equal("neutral because: no sentiment-bearing words", Classifier.Classify("gate 12").Explanation.Render("neutral"));

    [Fact]
    public void Classify_ManyThreadsAtOnce_GiveTheSameLabelsAsOneThread()
    {
        string[] texts = ["the seats were awful", "thank you so much!", "why is my refund late?", "el vuelo llegó tarde"];
        var expected = texts.Select(t => Classifier.Classify(t).SentimentScore).ToArray();
        var results = new double[400];
        Parallel.For(0, results.Length, i => results[i] = Classifier.Classify(texts[i % texts.Length]).SentimentScore);
        for (var i = 0; i < results.Length; i++)
            Assert.Equal(expected[i % texts.Length], results[i]);
    }

    [Fact]
    public void ModelVersion_IsStable() => Assert.Equal("builtin-1.0", Classifier.ModelVersion);
}
