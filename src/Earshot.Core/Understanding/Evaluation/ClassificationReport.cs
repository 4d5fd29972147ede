using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Earshot.Core.Understanding.Evaluation;

/// <summary>Precision, recall and F1 of one class; <see cref="Support"/> is how many posts truly had it.</summary>
public sealed record ClassMetrics(double Precision, double Recall, double F1, int Support);

/// <summary>
/// How well predicted labels match expected ones: accuracy, macro-F1 (the unweighted mean of per-class F1 over every
/// label seen on either side), per-class metrics and the confusion matrix (expected → predicted → count).
/// </summary>
public sealed class ClassificationReport
{
    private ClassificationReport(int n, double accuracy, double macroF1, IReadOnlyList<string> labels,
        IReadOnlyDictionary<string, ClassMetrics> perClass, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> confusion)
    {
        N = n;
        Accuracy = accuracy;
        MacroF1 = macroF1;
        Labels = labels;
        PerClass = perClass;
        Confusion = confusion;
    }

    public int N { get; }
    public double Accuracy { get; }
    public double MacroF1 { get; }
    public IReadOnlyList<string> Labels { get; }
    public IReadOnlyDictionary<string, ClassMetrics> PerClass { get; }

    /// <summary>Confusion[expected][predicted] = count; every label pair is present (zeros included).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Confusion { get; }

    public static ClassificationReport Compute(IEnumerable<(string expected, string predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var counts = new Dictionary<(string Expected, string Predicted), int>();
        var n = 0;
        var correct = 0;
        foreach (var (expected, predicted) in pairs)
        {
            n++;
            if (string.Equals(expected, predicted, StringComparison.Ordinal))
                correct++;
            counts[(expected, predicted)] = counts.GetValueOrDefault((expected, predicted)) + 1;
        }
        var labels = counts.Keys.SelectMany(k => new[] { k.Expected, k.Predicted })
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var confusion = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var expected in labels)
            confusion[expected] = labels.ToDictionary(p => p, p => counts.GetValueOrDefault((expected, p)), StringComparer.Ordinal);
        var perClass = new Dictionary<string, ClassMetrics>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            var truePositives = confusion[label][label];
            var support = confusion[label].Values.Sum();
            var predictedCount = labels.Sum(e => confusion[e][label]);
            var precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass[label] = new ClassMetrics(precision, recall, f1, support);
        }
        var accuracy = n == 0 ? 0 : (double)correct / n;
        var macroF1 = labels.Count == 0 ? 0 : perClass.Values.Average(m => m.F1);
        return new ClassificationReport(n, accuracy, macroF1, labels, perClass, confusion);
    }

    /// <summary>{"n", "accuracy", "macro_f1", "per_class": {label: {precision, recall, f1, support}}, "confusion": {expected: {predicted: count}}}.</summary>
    public string ToJson(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            json.WriteNumber("n", N);
            json.WriteNumber("accuracy", Math.Round(Accuracy, 4));
            json.WriteNumber("macro_f1", Math.Round(MacroF1, 4));
            json.WriteStartObject("per_class");
            foreach (var label in Labels)
            {
                var m = PerClass[label];
                json.WriteStartObject(label);
                json.WriteNumber("precision", Math.Round(m.Precision, 4));
                json.WriteNumber("recall", Math.Round(m.Recall, 4));
                json.WriteNumber("f1", Math.Round(m.F1, 4));
                json.WriteNumber("support", m.Support);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteStartObject("confusion");
            foreach (var expected in Labels)
            {
                json.WriteStartObject(expected);
                foreach (var predicted in Labels)
                    json.WriteNumber(predicted, Confusion[expected][predicted]);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A plain-text report: summary line, per-class table, and the confusion matrix (rows expected).</summary>
    public string ToTable()
    {
        var c = CultureInfo.InvariantCulture;
        var width = Math.Max(10, Labels.Count == 0 ? 0 : Labels.Max(l => l.Length) + 2);
        var text = new StringBuilder();
        text.AppendLine(c, $"n = {N}   accuracy = {Accuracy:0.000}   macro-F1 = {MacroF1:0.000}");
        text.AppendLine();
        text.AppendLine(c, $"{"class".PadRight(width)} {"precision",9} {"recall",9} {"f1",9} {"support",9}");
        foreach (var label in Labels)
        {
            var m = PerClass[label];
            text.AppendLine(c, $"{label.PadRight(width)} {m.Precision,9:0.000} {m.Recall,9:0.000} {m.F1,9:0.000} {m.Support,9}");
        }
        text.AppendLine();
        text.Append("expected \\ predicted".PadRight(Math.Max(width, 21)));
        foreach (var predicted in Labels)
            text.Append(' ').Append(predicted.PadLeft(width));
        text.AppendLine();
        foreach (var expected in Labels)
        {
            text.Append(expected.PadRight(Math.Max(width, 21)));
            foreach (var predicted in Labels)
                text.Append(' ').Append(Confusion[expected][predicted].ToString(c).PadLeft(width));
            text.AppendLine();
        }
        return text.ToString();
    }
}
