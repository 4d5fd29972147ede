namespace Earshot.Ui.Posts;

/// <summary>The post page's words, its label corrections' and its attachments', in PostStrings.resx (and its translations beside it).</summary>
public sealed class PostStrings;
