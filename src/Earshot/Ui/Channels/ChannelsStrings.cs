namespace Earshot.Ui.Channels;

/// <summary>The channels page's words for changing, pausing and resuming channels, in ChannelsStrings.resx.</summary>
public sealed class ChannelsStrings;
