namespace Earshot.Ui.Cases;

/// <summary>The case page's words, in CaseStrings.resx (and its translations beside it).</summary>
public sealed class CaseStrings;
