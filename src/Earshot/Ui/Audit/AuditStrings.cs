namespace Earshot.Ui.Audit;

/// <summary>The audit page's words, in AuditStrings.resx (and its translations beside it).</summary>
public sealed class AuditStrings;
