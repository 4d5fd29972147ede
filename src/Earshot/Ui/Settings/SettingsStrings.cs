namespace Earshot.Ui.Settings;

/// <summary>The settings page's words, in SettingsStrings.resx (and its translations beside it).</summary>
public sealed class SettingsStrings;
