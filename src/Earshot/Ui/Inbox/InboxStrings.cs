namespace Earshot.Ui.Inbox;

/// <summary>The inbox page's words, in InboxStrings.resx (and its translations beside it).</summary>
public sealed class InboxStrings;
