namespace Earshot.Ui.Reports;

/// <summary>The fairness report page's words, in ReportsStrings.resx (and its translations beside it).</summary>
public sealed class ReportsStrings;
