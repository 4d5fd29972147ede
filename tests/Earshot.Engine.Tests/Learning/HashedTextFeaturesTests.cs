using Earshot.Engine.Learning;
using Xunit;

namespace Earshot.Engine.Tests.Learning;

public sealed class HashedTextFeaturesTests
{
    [Fact]
    public void Extract_Case_MakesNoDifference()
    {
        Assert.Equal(Features("Still WAITING for my Café refund"), Features("still waiting for my café refund"));
    }

    [Fact]
    public void Extract_OtherWordsOrOrder_OtherFeatures()
    {
        Assert.NotEqual(Features("refund waiting"), Features("waiting refund"));
        Assert.NotEqual(Features("great service"), Features("great servise"));
    }

    [Fact]
    public void Extract_ShortText_EveryGramCounted()
    {
        var features = HashedTextFeatures.ForThisThread();

        features.Extract("ab");

        // Characters with begin and end marks (^ab$): 4 of length 1, 3 of 2, 2 of 3, 1 of 4; then the one word.
        Assert.InRange(features.Indices.Length, 10, 11);
        Assert.All(features.Indices.ToArray(), i => Assert.InRange(i, 0, HashedTextFeatures.Dimension - 1));
        Assert.Equal(features.Indices.Length, features.Indices.ToArray().Distinct().Count());
    }

    [Fact]
    public void Extract_CharactersAndWords_EachScaledToUnitLength()
    {
        var features = HashedTextFeatures.ForThisThread();

        features.Extract("the seat the seat the seat broke");

        var sumOfSquares = features.Values.ToArray().Sum(v => (double)v * v);
        Assert.Equal(2.0, sumOfSquares, 2);
    }

    [Fact]
    public void Extract_LongText_GrowsAndStaysCorrect()
    {
        var text = string.Join(' ', Enumerable.Range(0, 2_000).Select(i => $"word{i}"));
        var features = HashedTextFeatures.ForThisThread();

        features.Extract(text);
        var many = features.Indices.Length;
        features.Extract("ab");

        Assert.True(many > 4_000, $"{many} features");
        Assert.InRange(features.Indices.Length, 10, 11);
    }

    private static List<(int, float)> Features(string text)
    {
        var features = HashedTextFeatures.ForThisThread();
        features.Extract(text);
        return features.Indices.ToArray().Zip(features.Values.ToArray()).OrderBy(p => p.First).ToList();
    }
}
