using System.IO.Compression;
using System.Text;
using Earshot.Core.Understanding;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Earshot.Engine.Learning;

/// <summary>A text and the label an agent (or a labelled file) gave it.</summary>
public sealed record LabelledText(string Text, string Label);

/// <summary>
/// A trained text classifier for one task (sentiment or intent): <see cref="HashedTextFeatures"/> into a linear
/// maximum-entropy classifier trained by ML.NET (SDCA). Only training runs through ML.NET; predicting is the
/// features and one dot product per label, here, so it is fast, allocation-free and safe on many threads at once.
/// Pure: no I/O but its own bytes, so it is unit-tested and cross-validated on files without a database.
/// </summary>
public sealed class TextModel
{
    private const string Magic = "EARSHOT-TEXT-MODEL";
    private const int FormatVersion = 1;
    // SDCA had not converged after 30 passes: 300 scored 0.817 on airline (5-fold) against 0.788; 1,000 no better.
    private const int Passes = 300;
    private static readonly BuiltInClassifier BuiltIn = new();

    private readonly string[] _labels;
    private readonly float[] _biases;
    // Feature-major ([feature * labels + label]): one post's feature reads every label's weight from one cache line.
    private readonly float[] _weights;

    private TextModel(string[] labels, float[] biases, float[] weights)
    {
        (_labels, _biases, _weights) = (labels, biases, weights);
    }

    /// <summary>Trains on the examples; <paramref name="seed"/> makes a run repeatable.</summary>
    public static TextModel Train(IReadOnlyList<LabelledText> examples, int seed = 1)
    {
        if (examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count() < 2)
            throw new ArgumentException("Training needs examples of at least two labels.", nameof(examples));
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, HashedTextFeatures.Width);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => Row.Of(e.Text, e.Label)).ToList(), schema);
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(Row.Label))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(nameof(Row.Label), nameof(Row.Features), maximumNumberOfIterations: Passes));
        var fitted = pipeline.Fit(data);

        var keys = default(VBuffer<ReadOnlyMemory<char>>);
        fitted.GetOutputSchema(data.Schema)[nameof(Row.Label)].GetKeyValues(ref keys);
        var labels = keys.DenseValues().Select(k => k.ToString()).ToArray();
        var parameters = fitted.LastTransformer.Model;
        VBuffer<float>[] perLabel = [];
        parameters.GetWeights(ref perLabel, out var count);
        if (count != labels.Length)
            throw new InvalidOperationException($"The classifier has {count} outputs for {labels.Length} labels.");
        var weights = new float[HashedTextFeatures.Width * count];
        for (var label = 0; label < count; label++)
        {
            foreach (var (feature, weight) in perLabel[label].Items())
                weights[feature * count + label] = weight;
        }
        return new TextModel(labels, parameters.GetBiases().ToArray(), weights);
    }

    public string Predict(string text, double builtInScore)
    {
        var features = HashedTextFeatures.ForThisThread();
        features.Extract(Clean(text));
        Span<float> scores = stackalloc float[_labels.Length];
        Score(features, builtInScore, scores);
        return _labels[TopTwo(scores).Best];
    }

    /// <summary>
    /// The label, the runner-up, and why the one beat the other: the word 1–2-grams that pushed hardest either way
    /// (at most <paramref name="terms"/>), then what the character n-grams and the built-in score pushed in all. Each
    /// weight is that part of the score margin between the two labels, so the weights and the labels' prior add up
    /// to it. The contributions carry <paramref name="explains"/> as their label.
    /// </summary>
    public (string Label, string RunnerUp, IReadOnlyList<Contribution> Reasons) PredictExplained(
        string text, double builtInScore, string explains, int terms = 5)
    {
        var clean = Clean(text);
        var features = HashedTextFeatures.ForThisThread();
        features.Extract(clean);
        Span<float> scores = stackalloc float[_labels.Length];
        Score(features, builtInScore, scores);
        var (best, second) = TopTwo(scores);
        var count = _labels.Length;
        double Push(int feature, float value) => value * (_weights[feature * count + best] - _weights[feature * count + second]);

        var all = 0.0;
        for (var i = 0; i < features.Indices.Length; i++)
            all += Push(features.Indices[i], features.Values[i]);
        var words = new List<(Range Span, int Bucket)>();
        features.WordTerms(clean, words);
        var seen = new HashSet<int>();
        var wordReasons = new List<(string Term, double Weight)>();
        foreach (var (span, bucket) in words)
        {
            if (seen.Add(bucket))
                wordReasons.Add(($"'{clean[span]}'", Push(bucket, features.ValueOf(bucket))));
        }
        var reasons = wordReasons.OrderByDescending(r => Math.Abs(r.Weight)).Take(terms)
            .Select(r => new Contribution(explains, r.Term, Math.Round(r.Weight, 3)))
            .Append(new Contribution(explains, "character n-grams", Math.Round(all - wordReasons.Sum(r => r.Weight), 3)))
            .Append(new Contribution(explains, "built-in score", Math.Round(Push(HashedTextFeatures.ScoreIndex, (float)builtInScore), 3)))
            .ToList();
        return (_labels[best], _labels[second], reasons);
    }

    private void Score(HashedTextFeatures features, double builtInScore, Span<float> scores)
    {
        var count = _labels.Length;
        _biases.CopyTo(scores);
        var indices = features.Indices;
        var values = features.Values;
        for (var i = 0; i < indices.Length; i++)
            AddScaled(scores, _weights.AsSpan(indices[i] * count, count), values[i]);
        AddScaled(scores, _weights.AsSpan(HashedTextFeatures.ScoreIndex * count, count), (float)builtInScore);
    }

    private static (int Best, int Second) TopTwo(ReadOnlySpan<float> scores)
    {
        var (best, second) = scores[1] > scores[0] ? (1, 0) : (0, 1);
        for (var label = 2; label < scores.Length; label++)
        {
            if (scores[label] > scores[best])
                (best, second) = (label, best);
            else if (scores[label] > scores[second])
                second = label;
        }
        return (best, second);
    }

    /// <summary>Predicts with the built-in score computed here (evaluation, where no labels were computed yet).</summary>
    public string Predict(string text) => Predict(text, BuiltIn.Classify(text).SentimentScore);

    public byte[] Save()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(new ZLibStream(stream, CompressionLevel.Fastest), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(HashedTextFeatures.Width);
            writer.Write(_labels.Length);
            foreach (var label in _labels)
                writer.Write(label);
            foreach (var bias in _biases)
                writer.Write(bias);
            // Little-endian, as every platform .NET runs Earshot on.
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_weights.AsSpan()));
        }
        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a model this version of Earshot saved.</exception>
    public static TextModel Load(byte[] bytes)
    {
        // Saved models are zlib streams (first byte 0x78); models of earlier versions were ML.NET zip files ("PK").
        if (bytes.Length < 2 || bytes[0] != 0x78)
            throw new InvalidDataException("not a text model of this version of Earshot; retrain it (`earshot train`)");
        try
        {
            using var reader = new BinaryReader(new ZLibStream(new MemoryStream(bytes), CompressionMode.Decompress), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion || reader.ReadInt32() != HashedTextFeatures.Width)
                throw new InvalidDataException("not a text model of this version of Earshot; retrain it (`earshot train`)");
            var count = reader.ReadInt32();
            if (count is < 2 or > 1_000)
                throw new InvalidDataException($"the text model claims {count} labels; retrain it (`earshot train`)");
            var labels = new string[count];
            for (var i = 0; i < labels.Length; i++)
                labels[i] = reader.ReadString();
            var biases = new float[labels.Length];
            for (var i = 0; i < biases.Length; i++)
                biases[i] = reader.ReadSingle();
            var weights = new float[HashedTextFeatures.Width * labels.Length];
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
            return new TextModel(labels, biases, weights);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the text model is truncated; retrain it (`earshot train`)", e);
        }
    }

    private static void AddScaled(Span<float> scores, ReadOnlySpan<float> weights, float value)
    {
        for (var label = 0; label < scores.Length; label++)
            scores[label] += weights[label] * value;
    }

    // HTML entities arrive in tweets ("&amp;"); the built-in model decodes them too.
    private static string Clean(string text) => System.Net.WebUtility.HtmlDecode(text);

    private sealed class Row
    {
        public string Label { get; set; } = "";
        public VBuffer<float> Features { get; set; }

        public static Row Of(string text, string label)
        {
            var features = HashedTextFeatures.ForThisThread();
            features.Extract(Clean(text));
            var indices = features.Indices.ToArray();
            var values = features.Values.ToArray();
            Array.Sort(indices, values);
            // The built-in score is the last feature, after every hashed bucket, so the indices stay in order.
            var score = (float)BuiltIn.Classify(text).SentimentScore;
            return new Row
            {
                Label = label,
                Features = new VBuffer<float>(HashedTextFeatures.Width, indices.Length + 1, [.. values, score], [.. indices, HashedTextFeatures.ScoreIndex]),
            };
        }
    }
}
