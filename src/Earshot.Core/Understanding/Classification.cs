namespace Earshot.Core.Understanding;

/// <summary>What a model said about a post, with the reasons. Corrections by agents are kept separately.</summary>
public sealed class Classification
{
    public Guid PostId { get; set; }
    public double SentimentScore { get; set; }
    public required string Sentiment { get; set; }
    public required string Intent { get; set; }
    /// <summary>Severity cues raised ("outage", "billing").</summary>
    public IReadOnlyList<string> Severity { get; set; } = [];
    public string Aspects { get; set; } = "";
    public required string ModelVersion { get; set; }
    /// <summary>JSON explanation: the tokens and rules behind each label.</summary>
    public string ExplanationJson { get; set; } = "{}";
    public DateTime ClassifiedAt { get; set; }
}
