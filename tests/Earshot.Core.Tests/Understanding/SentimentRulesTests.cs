using Xunit;
using Earshot.Core.Understanding;

namespace Earshot.Core.Tests.Understanding;

public sealed class SentimentRulesTests
{
    private static readonly BuiltInClassifier Classifier = new();

    private static double Score(string text) => Classifier.Classify(text).SentimentScore;

    [Theory]
    [InlineData("I love this, the crew was wonderful", "positive")]
    [InlineData("This is the worst service ever", "negative")]
    [InlineData("My flight leaves at 6pm from gate 12", "neutral")]
    public void Classify_ClearCases_GivesExpectedSentiment(string text, string expected) =>
        Assert.Equal(expected, Classifier.Classify(text).Sentiment);

    [Fact]
    public void Score_Negation_FlipsPositiveWord() =>
        Assert.True(Score("the food was not good") < 0);

    [Fact]
    public void Score_Intensifier_StrengthensWord() =>
        Assert.True(Score("the staff were very helpful") > Score("the staff were helpful"));

    [Fact]
    public void Score_ContrastBut_WeighsTheSecondClauseMore() =>
        Assert.Equal("negative", Classifier.Classify("The seats are nice but the delay was awful").Sentiment);

    [Fact]
    public void Score_AllCapsWordInNormalText_IsEmphasised() =>
        Assert.True(Score("the service was GREAT today") > Score("the service was great today"));

    [Fact]
    public void Score_Elongation_IsRecognisedAndEmphasised()
    {
        Assert.True(Score("this is sooo goooood") > 0);
        Assert.True(Score("I loooove it") > Score("I love it"));
    }

    [Fact]
    public void Score_ExclamationMarks_AmplifyTheSign() =>
        Assert.True(Score("great job!!!") > Score("great job"));

    [Theory]
    [InlineData("best day 😍", 1)]
    [InlineData("well that happened 😡", -1)]
    [InlineData("see you soon :)", 1)]
    [InlineData("missed it :(", -1)]
    public void Score_EmojiAndEmoticons_CarrySentiment(string text, int sign) =>
        Assert.Equal(sign, Math.Sign(Score(text)));

    [Fact]
    public void Score_PraiseBesideServiceFailure_IsTreatedAsSarcasm()
    {
        var labels = Classifier.Classify("Great, thanks for the 3 hour delay");
        Assert.Equal("negative", labels.Sentiment);
        Assert.Contains(labels.Explanation.Contributions, c => c.Note == "sarcasm cue ignored");
    }

    [Fact]
    public void Score_CustomerCareFailureWithoutSentimentWords_IsNegative() =>
        Assert.Equal("negative", Classifier.Classify("still waiting on hold, no reply to my email").Sentiment);

    [Fact]
    public void Score_CourtesyInARequest_IsNotPraise() =>
        Assert.NotEqual("positive", Classifier.Classify("can you tell me when the store opens? thanks").Sentiment);

    [Fact]
    public void Score_CompoundHashtag_UsesTheSentimentWordInside() =>
        Assert.True(Score("#customerservicefail") < 0);

    [Fact]
    public void Score_HtmlEntities_AreDecoded() =>
        Assert.True(Score("you guys &lt;3") > 0);

    [Fact]
    public void Score_AlwaysWithinMinusOneAndOne()
    {
        var shouting = string.Concat(Enumerable.Repeat("WORST AWFUL HORRIBLE TERRIBLE!!! ", 50));
        var score = Score("fine " + shouting);
        Assert.InRange(score, -1, 1);
        Assert.True(score < -0.9);
    }
}
