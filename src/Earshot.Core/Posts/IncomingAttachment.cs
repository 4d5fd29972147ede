namespace Earshot.Core.Posts;

/// <summary>
/// A file that came with an incoming post (an e-mail attachment). <see cref="Content"/> is null when the file was
/// larger than the channel's cap: it is then listed (name, size, hash) but not kept.
/// </summary>
public sealed record IncomingAttachment(string FileName, string ContentType, long Size, string Sha256, byte[]? Content);
