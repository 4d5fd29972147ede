namespace Earshot.Ui.Insights;

/// <summary>The insight page's words, in InsightsStrings.resx (and its translations beside it).</summary>
public sealed class InsightsStrings;
