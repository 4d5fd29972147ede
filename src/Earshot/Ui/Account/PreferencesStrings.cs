namespace Earshot.Ui.Account;

/// <summary>The preferences page's words, in PreferencesStrings.resx.</summary>
public sealed class PreferencesStrings;
