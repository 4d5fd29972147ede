namespace Earshot.Ui.Errors;

/// <summary>What the error pages say, in ErrorStrings.resx.</summary>
public sealed class ErrorStrings;
