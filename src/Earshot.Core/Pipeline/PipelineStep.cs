namespace Earshot.Core.Pipeline;

/// <summary>
/// The ordered steps every post goes through. A post's <c>Stage</c> column holds the last one it completed, so a
/// restart resumes each post where it stopped. Gaps between values leave room for steps added later.
/// </summary>
public enum PipelineStep
{
    Stored = 0,
    Matched = 20,
    Classified = 40,
    /// <summary>Counted by the live spike detector (alerts).</summary>
    Detected = 50,
    Cased = 60,
    Published = 100,
}
