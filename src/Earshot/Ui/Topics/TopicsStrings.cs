namespace Earshot.Ui.Topics;

/// <summary>The topics page's words for changing and deleting topics, in TopicsStrings.resx.</summary>
public sealed class TopicsStrings;
