using Earshot.Engine.Learning;
using Xunit;

namespace Earshot.Engine.Tests.Learning;

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
    public void Predict_FromManyThreadsAtOnce_SameAsFromOne()
    {
        var model = TextModel.Train(LearningExamples.Intents());
        var texts = LearningExamples.Intents(perClass: 30).Select(e => e.Text + " (again)").ToList();
        var expected = texts.Select(t => model.Predict(t)).ToList();

        var predicted = new string[texts.Count];
        Parallel.For(0, texts.Count * 20, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => predicted[i % texts.Count] = model.Predict(texts[i % texts.Count]));

        Assert.Equal(expected, predicted);
    }

    [Fact]
    public void Load_AnotherFormatOrTruncated_ClearError()
    {
        var saved = TextModel.Train(LearningExamples.Intents()).Save();

        var earlier = Assert.Throws<InvalidDataException>(() => TextModel.Load([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]));
        var truncated = Assert.Throws<InvalidDataException>(() => TextModel.Load(saved[..(saved.Length / 2)]));

        Assert.Equal("not a text model of this version of Earshot; retrain it (`earshot train`)", earlier.Message);
        Assert.Contains("retrain it", truncated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictExplained_NamesTheWordsThatDecided()
    {
        var model = TextModel.Train(LearningExamples.Intents());
        const string text = "the umbrella is broken and nobody helps";

        var (label, runnerUp, reasons) = model.PredictExplained(text, 0, "trained:intent", terms: 3);

        Assert.Equal(model.Predict(text, 0), label);
        Assert.NotEqual(label, runnerUp);
        Assert.Equal(5, reasons.Count);
        Assert.All(reasons, r => Assert.Equal("trained:intent", r.Label));
        Assert.All(reasons.Take(3), r => Assert.Contains(r.Source.Trim('\''), text, StringComparison.Ordinal));
        Assert.Equal(["character n-grams", "built-in score"], reasons.Skip(3).Select(r => r.Source));
        // Strongest first, and what decided it pushed towards the label.
        Assert.True(Math.Abs(reasons[0].Weight) >= Math.Abs(reasons[2].Weight));
        Assert.True(reasons.Take(3).Sum(r => r.Weight) + reasons[3].Weight > 0);
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
