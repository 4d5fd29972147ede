namespace Earshot.Ui.Shared;

/// <summary>The layout's words: the navigation, search, the menu button and sign-out, in NavStrings.resx.</summary>
public sealed class NavStrings;
