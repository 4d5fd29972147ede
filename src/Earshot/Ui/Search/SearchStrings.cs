namespace Earshot.Ui.Search;

/// <summary>The words of the Search and Mentions pages, in SearchStrings.resx (and its translations beside it).</summary>
public sealed class SearchStrings;
