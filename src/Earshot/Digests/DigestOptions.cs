namespace Earshot.Digests;

/// <summary>
/// <c>Earshot:Digest</c>: when the weekly digest goes out and where its links point. Mail goes through
/// <c>Earshot:Smtp</c>, like alert e-mails.
/// </summary>
public sealed class DigestOptions
{
    public const string Section = "Earshot:Digest";

    /// <summary>
    /// The address people open Earshot at, for the links in the digest. A background job has no request to read it
    /// from; the default is where `earshot serve` listens unless told otherwise.
    /// </summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// How late a digest may still go out after Monday 08:00 (a server that was down): later, that week is skipped
    /// rather than sent days late, and someone who opts in mid-week waits for the next Monday.
    /// </summary>
    public TimeSpan CatchUp { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often the worker looks for digests that are due.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}
