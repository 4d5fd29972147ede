namespace Earshot.Ui.Shared;

/// <summary>The navigation's words that are not page names, in NavStrings.resx.</summary>
public sealed class NavStrings;
