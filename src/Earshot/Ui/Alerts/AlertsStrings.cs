namespace Earshot.Ui.Alerts;

/// <summary>The alerts page's words and its messages after an action, in AlertsStrings.resx (and its translations beside it).</summary>
public sealed class AlertsStrings;
