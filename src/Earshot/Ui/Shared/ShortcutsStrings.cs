namespace Earshot.Ui.Shared;

/// <summary>The keyboard shortcuts dialog's words (on the inbox and case pages), in ShortcutsStrings.resx (and its translations beside it).</summary>
public sealed class ShortcutsStrings;
