namespace Earshot.Digests;

/// <summary>The digest e-mail's words, in DigestStrings.resx (and its translations beside it).</summary>
public sealed class DigestStrings;
