namespace Earshot.Ui.Channels;

/// <summary>The channels page's words, in ChannelsStrings.resx (and its translations beside it).</summary>
public sealed class ChannelsStrings;
