namespace Earshot.Ui.Channels;

/// <summary>
/// The words describing each kind of channel (title, description, settings' labels and help) on the channels page,
/// in ChannelSetupStrings.resx and its translations. The English is ChannelSetups' own, which the CLI and API keep using.
/// </summary>
public sealed class ChannelSetupStrings;
