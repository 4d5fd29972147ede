namespace Earshot.Ui.Shared;

/// <summary>The delete confirmation's words (_ConfirmDelete.cshtml), in ConfirmStrings.resx.</summary>
public sealed class ConfirmStrings;
