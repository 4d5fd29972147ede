using Earshot.Channels.Learning;
using Xunit;

namespace Earshot.Channels.Tests.Learning;

public sealed class TrainingTextModelTests
{
    [Fact]
    public void Train_SmallLabelledSet_PredictsUnseenPhrasings()
    {
        var model = TextModel.Train(LearningExamples.Intents());

        Assert.Equal("complaint", model.Predict("the umbrella is broken and nobody helps"));
        Assert.Equal("question", model.Predict("how do I change my password?"));
        Assert.Equal("praise", model.Predict("love the new umbrella, great job"));
    }

    [Fact]
    public void SaveThenLoad_SamePredictions()
    {
        var model = TextModel.Train(LearningExamples.Intents());
        var loaded = TextModel.Load(model.Save());

        foreach (var text in new[] { "still waiting for my refund", "where is my refund?", "thank you so much" })
            Assert.Equal(model.Predict(text), loaded.Predict(text));
    }

    [Fact]
    public void Train_OneLabelOnly_Refused()
    {
        Assert.Throws<ArgumentException>(() => TextModel.Train([new("a", "praise"), new("b", "praise")]));
    }

    [Fact]
    public void Split_TwentyPercentHeldBack_DisjointAndRepeatable()
    {
        var examples = LearningExamples.Intents();

        var (train, test) = ModelEvaluation.Split(examples);

        Assert.Equal(24, test.Count);
        Assert.Equal(examples.Count, train.Count + test.Count);
        Assert.Equal(test, ModelEvaluation.Split(examples).Test);
    }

    [Fact]
    public void Evaluate_HeldBackSlice_ScoresTheModelAboveChance()
    {
        var (train, test) = ModelEvaluation.Split(LearningExamples.Intents());

        var report = ModelEvaluation.Evaluate(TextModel.Train(train).Predict, test);

        Assert.Equal(test.Count, report.N);
        Assert.True(report.Accuracy >= 0.9, $"accuracy {report.Accuracy}");
    }

    [Fact]
    public void CrossValidate_ThreeFolds_EveryExamplePredictedOnce()
    {
        var examples = LearningExamples.Intents(perClass: 30);
        var folds = new List<int>();

        var (pooled, accuracies) = ModelEvaluation.CrossValidate(examples, 3, onFold: folds.Add);

        Assert.Equal(examples.Count, pooled.N);
        Assert.Equal([1, 2, 3], folds);
        Assert.Equal(3, accuracies.Count);
        Assert.True(pooled.Accuracy >= 0.9, $"accuracy {pooled.Accuracy}");
    }
}
