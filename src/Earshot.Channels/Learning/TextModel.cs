using Earshot.Core.Understanding;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Earshot.Channels.Learning;

/// <summary>A text and the label an agent (or a labelled file) gave it.</summary>
public sealed record LabelledText(string Text, string Label);

/// <summary>
/// A trained text classifier for one task (sentiment or intent): word 1–2-grams and character 2–4-grams, plus the
/// built-in model's sentiment score as one more feature, into a linear maximum-entropy classifier (SDCA). Pure: no
/// I/O but its own bytes, so it is unit-tested and cross-validated on files without a database.
/// </summary>
public sealed class TextModel
{
    private static readonly BuiltInClassifier BuiltIn = new();
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    // A prediction engine is not thread-safe and costly to build; the pipeline calls from several workers.
    private readonly PredictionEngine<Row, Prediction> _engine;
    private readonly Lock _gate = new();

    private TextModel(MLContext ml, ITransformer model)
    {
        _ml = ml;
        _model = model;
        _engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
    }

    /// <summary>Trains on the examples; <paramref name="seed"/> makes a run repeatable.</summary>
    public static TextModel Train(IReadOnlyList<LabelledText> examples, int seed = 1)
    {
        if (examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count() < 2)
            throw new ArgumentException("Training needs examples of at least two labels.", nameof(examples));
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => Row.Of(e.Text, e.Label)));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("TextFeatures", new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.Lower,
                KeepPunctuations = true,
                KeepDiacritics = false,
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = true, SkipLength = 0 },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, nameof(Row.Text)))
            .Append(ml.Transforms.Concatenate("Features", "TextFeatures", nameof(Row.BuiltInScore)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("Label", "Features", maximumNumberOfIterations: 30))
            .Append(ml.Transforms.Conversion.MapKeyToValue(nameof(Prediction.PredictedLabel)));
        return new TextModel(ml, pipeline.Fit(data));
    }

    public string Predict(string text, double builtInScore)
    {
        lock (_gate)
            return _engine.Predict(new Row { Text = Clean(text), BuiltInScore = (float)builtInScore }).PredictedLabel ?? "";
    }

    /// <summary>Predicts with the built-in score computed here (evaluation, where no labels were computed yet).</summary>
    public string Predict(string text) => Predict(text, BuiltIn.Classify(text).SentimentScore);

    public byte[] Save()
    {
        using var stream = new MemoryStream();
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<Row>()).Schema;
        _ml.Model.Save(_model, schema, stream);
        return stream.ToArray();
    }

    public static TextModel Load(byte[] bytes)
    {
        var ml = new MLContext(1);
        using var stream = new MemoryStream(bytes);
        return new TextModel(ml, ml.Model.Load(stream, out _));
    }

    // HTML entities arrive in tweets ("&amp;"); the built-in model decodes them too.
    private static string Clean(string text) => System.Net.WebUtility.HtmlDecode(text);

    private sealed class Row
    {
        public string Text { get; set; } = "";
        public string Label { get; set; } = "";
        public float BuiltInScore { get; set; }

        public static Row Of(string text, string label) =>
            new() { Text = Clean(text), Label = label, BuiltInScore = (float)BuiltIn.Classify(text).SentimentScore };
    }

    private sealed class Prediction
    {
        [ColumnName("PredictedLabel")]
        public string? PredictedLabel { get; set; }
    }
}
