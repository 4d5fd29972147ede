namespace Earshot.Ui.Topics;

/// <summary>The topics page's words, in TopicsStrings.resx (and its translations beside it).</summary>
public sealed class TopicsStrings;
