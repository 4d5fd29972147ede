namespace Earshot.Connectors.Setup;

/// <summary>How a setting is entered and stored: the CLI option type, the form input and the JSON value follow from it.</summary>
public enum SettingType
{
    Text,
    Url,
    Integer,
    Boolean,

    /// <summary>Several values: a repeated CLI option, one per line in the form, a JSON array.</summary>
    List,
}

/// <summary>
/// One setting a channel kind takes, described once for the CLI, the API and the Channels page.
/// <paramref name="Key"/> is the name in the stored settings and in the API's `settings` object (`settings.KEY` in errors);
/// <paramref name="Option"/> is the CLI option, or null for a setting the CLI does not offer.
/// </summary>
public sealed record ChannelSetting(string Key, string? Option, string Label, string Help, SettingType Type = SettingType.Text)
{
    /// <summary>Must be given (a setting with a default never is).</summary>
    public bool Required { get; init; }

    /// <summary>A credential: encrypted with <see cref="SecretBox"/> before it is stored, never shown again.</summary>
    public bool Secret { get; init; }

    /// <summary>Used when the setting is not given: a string, an int or a bool, by <see cref="Type"/>.</summary>
    public object? Default { get; init; }

    /// <summary>Made up (a random secret) when not given, and shown once to whoever added the channel.</summary>
    public bool GeneratedWhenMissing { get; init; }

    /// <summary>The URL schemes accepted by a <see cref="SettingType.Url"/> setting.</summary>
    public IReadOnlyList<string> Schemes { get; init; } = ["http", "https"];

    /// <summary>Tidies a text value (or each value of a list) before it is checked and stored.</summary>
    public Func<string, string>? Normalize { get; init; }

    /// <summary>An example shown as the form field's placeholder.</summary>
    public string? Example { get; init; }
}
