namespace Earshot.Wording;

/// <summary>The query parser's messages (Earshot.Core/Topics/Query), in QueryPhraseStrings.resx and its translations; said through <see cref="PhraseStrings"/>.</summary>
public sealed class QueryPhraseStrings;
