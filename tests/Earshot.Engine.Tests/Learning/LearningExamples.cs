using Earshot.Engine.Learning;

namespace Earshot.Engine.Tests.Learning;

/// <summary>
/// A small labelled set written here (the public sets in ../shared are non-commercial and never bundled): care
/// messages whose words give their class away, varied enough that a model must generalise across templates.
/// </summary>
internal static class LearningExamples
{
    private static readonly string[] Things = ["order", "parcel", "invoice", "router", "seat", "app", "card", "flight", "booking", "subscription"];

    private static readonly (string Label, string[] Templates)[] Classes =
    [
        ("complaint", ["my {0} is broken and nobody helps", "still waiting for my {0}, this is unacceptable", "the {0} failed again, so annoyed", "worst {0} ever, it does not work"]),
        ("question", ["how do I change my {0}?", "can you tell me where my {0} is?", "what happens to my {0} if I move?", "is there a way to pause the {0}?"]),
        ("praise", ["love the new {0}, great job", "thank you, the {0} arrived early", "the {0} is brilliant, well done team", "amazing help with my {0} today"]),
    ];

    public static List<LabelledText> Intents(int perClass = 40)
    {
        var examples = new List<LabelledText>();
        foreach (var (label, templates) in Classes)
        {
            for (var i = 0; i < perClass; i++)
                examples.Add(new LabelledText(string.Format(System.Globalization.CultureInfo.InvariantCulture, templates[i % templates.Length], Things[i % Things.Length]), label));
        }
        return examples;
    }
}
