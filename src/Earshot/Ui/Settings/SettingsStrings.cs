namespace Earshot.Ui.Settings;

/// <summary>The settings page's words for editing and deleting, in SettingsStrings.resx.</summary>
public sealed class SettingsStrings;
