namespace Earshot.Core.Understanding;

/// <summary>
/// Labels one post: sentiment, intent, severity cues, aspects, language, and the reasons.
/// Implementations must be thread-safe: the pipeline creates one and calls it from many workers.
/// </summary>
public interface IPostClassifier
{
    /// <summary>Stored with every classification so a label can be traced to the model that produced it.</summary>
    string ModelVersion { get; }

    /// <param name="text">The post text as received (HTML entities, mentions and URLs are handled).</param>
    /// <param name="languageHint">An ISO 639-1 code from the channel, if it told us one; used when detection is unsure.</param>
    PostLabels Classify(string text, string? languageHint = null);
}
